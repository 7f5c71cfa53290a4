package org.mesoslogstash.executor.logstash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PipelineExpectationTest {

    private static PipelineStats stats(String id, String ephemeral, long failures, String error) {
        return new PipelineStats(id, ephemeral, 0, 0, 0, "persisted", 0, 0, 0, failures, Optional.ofNullable(error));
    }

    private static PipelineExpectation reload(Set<String> wanted, Set<String> toLoad, Map<String, String> before, Map<String, Long> failures) {
        return new PipelineExpectation(new TreeSet<>(wanted), new TreeSet<>(toLoad), before, failures);
    }

    @Test
    void aFreshLogstashIsThereWhenEveryWantedPipelineRuns() {
        PipelineExpectation expected = PipelineExpectation.fresh(Set.of("a", "b"));

        assertThat(expected.check(Map.of("a", "1"), Map.of())).isInstanceOf(PipelineExpectation.Pending.class);
        assertThat(expected.check(Map.of("a", "1", "b", "2"), Map.of())).isEqualTo(new PipelineExpectation.Reached());
    }

    @Test
    void aChangedPipelineStillOnItsOldEphemeralIdIsPending() {
        PipelineExpectation expected = reload(Set.of("a", "b"), Set.of("a"), Map.of("a", "a1", "b", "b1"), Map.of());

        assertThat(expected.check(Map.of("a", "a1", "b", "b1"), Map.of()))
                .isEqualTo(new PipelineExpectation.Pending("Logstash runs [a, b], not yet (re)loaded: [a]"));
        assertThat(expected.check(Map.of("a", "a2", "b", "b1"), Map.of())).isEqualTo(new PipelineExpectation.Reached());
    }

    @Test
    void aRemovedPipelineStillRunningIsPending() {
        PipelineExpectation expected = reload(Set.of("a"), Set.of(), Map.of("a", "a1", "b", "b1"), Map.of());

        assertThat(expected.check(Map.of("a", "a1", "b", "b1"), Map.of()))
                .isEqualTo(new PipelineExpectation.Pending("Logstash runs [a, b], not yet stopped: [b]"));
        assertThat(expected.check(Map.of("a", "a1"), Map.of())).isEqualTo(new PipelineExpectation.Reached());
    }

    @Test
    void moreReloadFailuresThanBeforeIsARefusalWithLogstashsMessage() {
        PipelineExpectation expected = reload(Set.of("a"), Set.of("a"), Map.of("a", "a1"), Map.of("a", 2L));

        assertThat(expected.check(Map.of("a", "a1"), Map.of("a", stats("a", "a1", 2, "old"))))
                .isInstanceOf(PipelineExpectation.Pending.class);
        assertThat(expected.check(Map.of("a", "a1"), Map.of("a", stats("a", "a1", 3, "Expected one of ..."))))
                .isEqualTo(new PipelineExpectation.Refused(new java.util.TreeMap<>(Map.of("a", "Expected one of ..."))));
    }

    @Test
    void aRefusedNewPipelineIsNotExpectedToRunButTheOthersAre() {
        PipelineExpectation expected = PipelineExpectation.fresh(Set.of("a", "bad"));
        Map<String, PipelineStats> stats = Map.of("bad", stats("bad", "", 1, "no input plugin"));

        assertThat(expected.check(Map.of(), stats)).isInstanceOf(PipelineExpectation.Pending.class);
        assertThat(expected.check(Map.of("a", "1"), stats))
                .isEqualTo(new PipelineExpectation.Refused(new java.util.TreeMap<>(Map.of("bad", "no input plugin"))));
    }

    @Test
    void aRefusalWithoutAMessageSaysWhereToLook() {
        PipelineExpectation expected = PipelineExpectation.fresh(Set.of("a"));

        assertThat(expected.check(Map.of(), Map.of("a", stats("a", "", 1, null))))
                .isInstanceOfSatisfying(PipelineExpectation.Refused.class,
                        r -> assertThat(r.errors().get("a")).contains("see its log"));
    }
}
