package org.mesoslogstash.systemtest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.systemtest.faults.DeliveryCheck.ContainerFacts;
import org.mesoslogstash.systemtest.faults.DeliveryCheck.Outcome;
import org.mesoslogstash.systemtest.faults.DeliveryCheck.WrittenLine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DeliveryCheckTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ContainerFacts C = new ContainerFacts("c1", "w1", "busybox", "w1.task");
    private static final Map<String, ContainerFacts> CONTAINERS = Map.of("c1", C);
    private static final List<WrittenLine> WRITTEN = List.of(
            new WrittenLine("c1", "/tmp/app.log", "w1-f0 0", 0),
            new WrittenLine("c1", "/tmp/app.log", "w1-f0 1", 8),
            new WrittenLine("c1", "stdout", "w1-out 0", -1));

    private static JsonNode file(String message, long offset, String host) {
        return JSON.readTree("""
                {"_id": "x", "_source": {"message": "%s", "log": {"file": {"path": "/tmp/app.log"}, "offset": %d},
                 "container": {"id": "c1", "name": "w1", "image": {"name": "busybox"}}, "host": {"name": "%s"}, "mesos": {"task_id": "w1.task"}}}
                """.formatted(message, offset, host));
    }

    private static JsonNode stdout(String message) {
        return JSON.readTree("""
                {"_id": "y", "_source": {"message": "%s", "log": {"stream": "stdout"},
                 "container": {"id": "c1", "name": "w1", "image": {"name": "busybox"}}, "host": {"name": "a1"}, "mesos": {"task_id": "w1.task"}}}
                """.formatted(message));
    }

    @Test
    void everyLineStoredOnceWhereItWasWrittenIsClean() {
        Outcome outcome = DeliveryCheck.check(WRITTEN, CONTAINERS, "a1", List.of(file("w1-f0 0", 0, "a1"), file("w1-f0 1", 8, "a1"), stdout("w1-out 0")));

        assertThat(outcome.clean()).as("%s", outcome).isTrue();
        assertThat(outcome.written()).isEqualTo(3);
        assertThat(outcome.delivered()).isEqualTo(3);
    }

    @Test
    void aMissingLineIsCountedLost() {
        Outcome outcome = DeliveryCheck.check(WRITTEN, CONTAINERS, "a1", List.of(file("w1-f0 0", 0, "a1"), stdout("w1-out 0")));

        assertThat(outcome.lost()).isEqualTo(1);
        assertThat(outcome.delivered()).isEqualTo(2);
        assertThat(outcome.examples()).anySatisfy(e -> assertThat(e).contains("lost").contains("w1-f0 1"));
    }

    @Test
    void aSecondCopyIsCountedDuplicatedAndAWrongOffsetMisplaced() {
        Outcome outcome = DeliveryCheck.check(WRITTEN, CONTAINERS, "a1",
                List.of(file("w1-f0 0", 0, "a1"), file("w1-f0 1", 8, "a1"), file("w1-f0 1", 16, "a1"), stdout("w1-out 0"), stdout("w1-out 0")));

        assertThat(outcome.duplicated()).isEqualTo(2);
        assertThat(outcome.misplaced()).isEqualTo(1);
        assertThat(outcome.lost()).isZero();
    }

    @Test
    void theWrongAgentOrAnUnwrittenLineIsCounted() {
        Outcome outcome = DeliveryCheck.check(WRITTEN, CONTAINERS, "a1",
                List.of(file("w1-f0 0", 0, "a2"), file("w1-f0 1", 8, "a1"), stdout("w1-out 0"), stdout("w1-out 7")));

        assertThat(outcome.wrongMetadata()).isEqualTo(1);
        assertThat(outcome.unexpected()).isEqualTo(1);
        assertThat(outcome.clean()).isFalse();
    }
}
