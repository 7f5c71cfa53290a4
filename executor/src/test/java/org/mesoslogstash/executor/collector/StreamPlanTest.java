package org.mesoslogstash.executor.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.discovery.ContainerInfo;
import org.mesoslogstash.executor.event.Routing;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.matching.ContainerSelector;
import org.mesoslogstash.executor.multiline.MultilineSettings;

class StreamPlanTest {

    private static final ContainerSelector NGINX = new ContainerSelector(List.of("nginx"), Map.of(), null, null);
    private static final ContainerInfo WEB = new ContainerInfo("c1", "web", "nginx:1.27", Map.of(), Map.of());
    private static final StreamKey ACCESS = StreamKey.file("c1", "/var/log/nginx/access.log");
    private static final StreamKey ERROR = StreamKey.file("c1", "/var/log/nginx/error.log");

    @Test
    void aStreamNamedByOneRuleIsRoutedToThatRulesPipeline() {
        Map<StreamKey, Routing> plan = StreamPlan.of(List.of(
                new CollectRule("access", NGINX, List.of(ACCESS.source()), false, "nginx")), WEB);

        assertThat(plan).containsExactly(Map.entry(ACCESS, new Routing(List.of("nginx"), List.of("access"))));
    }

    @Test
    void aStreamNamedBySeveralRulesCarriesTheirDistinctPipelinesAndAllTheirNamesInRuleOrder() {
        Map<StreamKey, Routing> plan = StreamPlan.of(List.of(
                new CollectRule("audit-all", ContainerSelector.ANY, List.of(ACCESS.source()), false, "audit"),
                new CollectRule("access", NGINX, List.of(ACCESS.source()), false, "nginx"),
                new CollectRule("access-again", NGINX, List.of(ACCESS.source(), ERROR.source()), false, "audit")), WEB);

        assertThat(plan).containsExactly(
                Map.entry(ACCESS, new Routing(List.of("audit", "nginx"), List.of("audit-all", "access", "access-again"))),
                Map.entry(ERROR, new Routing(List.of("audit"), List.of("access-again"))));
    }

    @Test
    void rulesWithoutPipelineNameThemselvesButAddNoPipeline() {
        Map<StreamKey, Routing> plan = StreamPlan.of(List.of(
                new CollectRule("standalone", NGINX, List.of(), true),
                new CollectRule("routed", NGINX, List.of(), true, "web")), WEB);

        assertThat(plan).containsOnlyKeys(StreamKey.stdout("c1"), StreamKey.stderr("c1"));
        assertThat(plan.get(StreamKey.stdout("c1"))).isEqualTo(new Routing(List.of("web"), List.of("standalone", "routed")));
    }

    @Test
    void rulesThatDoNotMatchTheContainerAreLeftOut() {
        Map<StreamKey, Routing> plan = StreamPlan.of(List.of(
                new CollectRule("redis", new ContainerSelector(List.of("redis"), Map.of(), null, null), List.of(ACCESS.source()), false, "redis"),
                new CollectRule("access", NGINX, List.of(ACCESS.source()), false, "nginx")), WEB);

        assertThat(plan).containsExactly(Map.entry(ACCESS, new Routing(List.of("nginx"), List.of("access"))));
    }

    @Test
    void aPipelineIdOutsideTheSyntaxIsRefused() {
        assertThatThrownBy(() -> new CollectRule("x", NGINX, List.of(), true, "Has Space"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Has Space");
    }

    @Test
    void aStreamIsJoinedByTheFirstRuleNamingItThatHasMultilineSettingsAndConflictsAreNamed() {
        MultilineSettings indented = new MultilineSettings(Pattern.compile("^\\s"), false, MultilineSettings.Match.AFTER, 500, 1000,
                Duration.ofSeconds(5));
        MultilineSettings dated = new MultilineSettings(Pattern.compile("^\\d"), true, MultilineSettings.Match.AFTER, 500, 1000,
                Duration.ofSeconds(5));

        StreamPlan.Joining joining = StreamPlan.multiline(List.of(
                new CollectRule("plain", NGINX, List.of(ACCESS.source()), false, "nginx"),
                new CollectRule("java", NGINX, List.of(ACCESS.source()), false, "java", indented),
                new CollectRule("other", NGINX, List.of(ACCESS.source(), ERROR.source()), false, "other", dated)), WEB);

        assertThat(joining.settings()).containsExactly(Map.entry(ACCESS, indented), Map.entry(ERROR, dated));
        assertThat(joining.conflicts()).singleElement().asString()
                .contains(ACCESS.toString()).contains("\"java\"").contains("\"other\"").contains("the first one's");
    }

    @Test
    void theDiffSortsEveryStreamIntoStartedStoppedReroutedOrKept() {
        Routing toNginx = new Routing(List.of("nginx"), List.of("access"));
        Routing toAudit = new Routing(List.of("audit"), List.of("access"));
        Map<StreamKey, Routing> before = new LinkedHashMap<>();
        before.put(ACCESS, toNginx);
        before.put(ERROR, toNginx);
        before.put(StreamKey.stdout("c1"), toNginx);
        Map<StreamKey, Routing> after = new LinkedHashMap<>();
        after.put(ACCESS, new Routing(List.of("nginx"), List.of("access"))); // equal, another instance
        after.put(ERROR, toAudit);
        after.put(StreamKey.stderr("c1"), toAudit);

        StreamPlan.Diff diff = StreamPlan.diff(before, after);

        assertThat(diff.kept()).containsExactly(ACCESS);
        assertThat(diff.rerouted()).containsExactly(Map.entry(ERROR, toAudit));
        assertThat(diff.started()).containsExactly(Map.entry(StreamKey.stderr("c1"), toAudit));
        assertThat(diff.stopped()).containsExactly(StreamKey.stdout("c1"));
        assertThat(diff.isEmpty()).isFalse();
    }

    @Test
    void theSameRulesAgainChangeNothing() {
        List<CollectRule> rules = List.of(new CollectRule("all", NGINX, List.of(ACCESS.source()), true, "nginx"));

        StreamPlan.Diff diff = StreamPlan.diff(StreamPlan.of(rules, WEB), StreamPlan.of(List.copyOf(rules), WEB));

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.kept()).containsExactlyInAnyOrder(ACCESS, StreamKey.stdout("c1"), StreamKey.stderr("c1"));
    }

    @Test
    void fromNothingEverythingStartsAndToNothingEverythingStops() {
        Map<StreamKey, Routing> plan = StreamPlan.of(List.of(new CollectRule("all", NGINX, List.of(), true)), WEB);

        assertThat(StreamPlan.diff(Map.of(), plan).started()).containsOnlyKeys(StreamKey.stdout("c1"), StreamKey.stderr("c1"));
        assertThat(StreamPlan.diff(plan, Map.of()).stopped()).containsExactlyInAnyOrder(StreamKey.stdout("c1"), StreamKey.stderr("c1"));
    }
}
