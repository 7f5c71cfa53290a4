package org.mesoslogstash.executor.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.executor.collector.CollectRule;
import org.mesoslogstash.executor.collector.CollectorConfigReader;
import org.mesoslogstash.executor.collector.ConfigException;
import org.mesoslogstash.executor.discovery.ContainerInfo;
import org.mesoslogstash.executor.multiline.MultilineSettings;

class AgentPlannerTest {

    private final AgentPlanner planner = new AgentPlanner(new CollectorConfigReader(Map.of(), "agent-1"));

    private static final Configuration NGINX = new Configuration("nginx", """
            input {
              container { image => "nginx" path => "/var/log/nginx/access.log" type => "access" }
              container { labels => { "tier" => "web" } console => true }
            }
            output { stdout {} }
            """);
    private static final Configuration JAVA = new Configuration("java", """
            input { container { path => "/app.log" multiline => { pattern => "^\\s" what => "previous" auto_flush_interval => 3 } } }
            output { stdout {} }
            """);

    private static String settings(String sink) {
        return "{\"checkpointDir\": \"/tmp/mlt-plan\", \"sink\": " + sink + "}";
    }

    @Test
    void everyContainerInputBecomesARuleRoutedToItsConfiguration() {
        AgentPlan plan = planner.plan(new CollectorAssignment(3, settings("{\"type\": \"logstash\", \"port\": 5055}"), List.of(NGINX, JAVA)));

        List<CollectRule> rules = plan.collector().rules();
        assertThat(rules).extracting(CollectRule::name).containsExactly("nginx#1", "nginx#2", "java#1");
        assertThat(rules).extracting(CollectRule::pipeline).containsExactly("nginx", "nginx", "java");
        assertThat(rules.get(0).files()).containsExactly("/var/log/nginx/access.log");
        assertThat(rules.get(1).console()).isTrue();
        ContainerInfo nginx = new ContainerInfo("c1", "web-1", "nginx:1.27", Map.of(), Map.of());
        ContainerInfo labelled = new ContainerInfo("c2", "api-1", "mycorp/api", Map.of("tier", "web"), Map.of());
        assertThat(rules.get(0).match().matches(nginx)).isTrue();
        assertThat(rules.get(0).match().matches(labelled)).isFalse();
        assertThat(rules.get(1).match().matches(labelled)).isTrue();
        MultilineSettings multiline = rules.get(2).multiline();
        assertThat(multiline.pattern().pattern()).isEqualTo("^\\s");
        assertThat(multiline.match()).as("Logstash's previous is Filebeat's after").isEqualTo(MultilineSettings.Match.AFTER);
        assertThat(multiline.flushAfter()).hasSeconds(3);
        assertThat(plan.pipelines().keySet()).containsExactly("mesos-logstash-router", "nginx", "java");
        assertThat(plan.pipelines().get("mesos-logstash-router")).contains("port => 5055", "host => \"127.0.0.1\"");
        assertThat(plan.runsLogstash()).isTrue();
    }

    @Test
    void withoutTheLogstashSinkTheContainerInputsAreCollectedAndNoPipelineRuns() {
        AgentPlan plan = planner.plan(new CollectorAssignment(1, settings("{\"type\": \"jsonlines\"}"), List.of(NGINX)));

        assertThat(plan.collector().rules()).hasSize(2);
        assertThat(plan.pipelines()).isEmpty();
        assertThat(plan.runsLogstash()).isFalse();
    }

    @Test
    void aConfigurationThatDoesNotParseIsRefusedWithItsPosition() {
        CollectorAssignment assignment = new CollectorAssignment(4, settings("{\"type\": \"jsonlines\"}"),
                List.of(new Configuration("broken", "input { container { path => \"x\" }")));

        assertThatThrownBy(() -> planner.plan(assignment)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid collector configuration version 4")
                .hasMessageContaining("configuration broken: error at line 1, column 34:");
    }

    @Test
    void theLogstashSinkTakesItsRulesFromConfigurationsOnly() {
        String withRules = "{\"checkpointDir\": \"/tmp/x\", \"sink\": {\"type\": \"logstash\"}, \"collect\": [{\"name\": \"all\", \"console\": true}]}";

        assertThatThrownBy(() -> planner.plan(new CollectorAssignment(1, withRules, List.of(NGINX))))
                .hasMessageContaining("$.collect: with the \"logstash\" sink, say what to collect in configurations");
    }
}
