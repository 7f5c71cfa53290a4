package org.mesoslogstash.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.executor.assignment.AgentPlan;
import org.mesoslogstash.executor.assignment.AgentPlanner;
import org.mesoslogstash.executor.collector.CollectorConfigReader;
import org.mesoslogstash.executor.logstash.HttpLogstashApi;
import org.mesoslogstash.executor.logstash.LogstashSettings;
import org.mesoslogstash.executor.logstash.ManagedLogstash;
import org.mesoslogstash.executor.logstash.StandInLogstashHome;
import org.mesoslogstash.executor.testsupport.BeatsReceiver;
import org.mesoslogstash.executor.testsupport.TestContainers;
import org.mesoslogstash.retry.Backoff;
import tools.jackson.databind.JsonNode;

/**
 * An executor's run with its own Logstash: the configurations' container inputs are collected from a
 * real container, Logstash (the stand-in, which answers like Logstash's CLI and monitoring API) runs
 * the generated pipelines, and the events reach the router's beats input (played by a beats receiver
 * on the router's port) routed to their configuration. A changed configuration reloads its pipeline
 * only.
 */
class AgentRunIT {

    @TempDir
    Path dir;

    private final String label = "mlt-agentrun-" + UUID.randomUUID().toString().substring(0, 8);
    private final TestContainers containers = new TestContainers("mlt-agentrun-");
    private BeatsReceiver router;
    private CollectorRun run;
    private LogstashSettings logstashSettings;

    @BeforeEach
    void start() throws Exception {
        router = BeatsReceiver.start();
        Path home = StandInLogstashHome.create(dir.resolve("logstash-home"));
        LogstashSettings defaults = LogstashSettings.defaults(dir.resolve("logstash"));
        logstashSettings = new LogstashSettings(home, defaults.workDir(), "127.0.0.1", StandInLogstashHome.freePort(), "64m", "persisted",
                "64mb", 1, 125, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofMillis(100),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (run != null) {
                run.close(Duration.ofSeconds(10));
            }
        } finally {
            containers.close();
            router.close();
        }
    }

    private AgentPlan plan(long version, String webFilter) {
        String settings = """
                {"checkpointDir": "%s", "resyncSeconds": 2, "sink": {"type": "logstash", "port": %d}}
                """.formatted(dir.resolve("checkpoints"), router.port());
        Configuration web = new Configuration("web", """
                input { container { labels => { "%s" => "yes" } console => true type => "web" } }
                filter { %s }
                output { stdout {} }
                """.formatted(label, webFilter));
        Configuration files = new Configuration("files", """
                input { container { labels => { "%s" => "yes" } path => "/tmp/app.log" } }
                output { stdout {} }
                """.formatted(label));
        return new AgentPlanner(new CollectorConfigReader(Map.of(), "agent-1"))
                .plan(new CollectorAssignment(version, settings, List.of(web, files)));
    }

    @Test
    void runsThePipelinesAndRoutesEveryLineToItsConfigurationThenReloadsOnlyWhatChanged() throws Exception {
        run = AgentRun.starter(Clock.systemUTC(), workDir -> ManagedLogstash.create(logstashSettings, Clock.systemUTC(),
                Thread.ofVirtual().name("logstash-", 0).factory())).start(plan(1, "mutate { add_tag => [\"v1\"] }"));
        containers.start(List.of("--label", label + "=yes"), "sh", "-c",
                "i=0; while true; do echo \"out $i\"; echo \"file $i\" >> /tmp/app.log; i=$((i+1)); sleep 0.1; done");

        await().atMost(Duration.ofSeconds(90)).until(() -> run.readiness() instanceof CollectorRun.Ready);
        HttpLogstashApi api = HttpLogstashApi.forSettings(logstashSettings);
        SortedMap<String, String> before = api.runningPipelines();
        assertThat(before.keySet()).containsExactly("files", "mesos-logstash-router", "web");
        assertThat(Files.readString(logstashSettings.pipelinesDir().resolve("web.conf")))
                .contains("address => \"mesos-logstash-web\"", "if \"web#1\" in [@metadata][mesos_logstash][rules]");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<JsonNode> documents = router.parsedDocuments();
            assertThat(documents).anySatisfy(d -> {
                assertThat(d.path("message").asString()).startsWith("out ");
                assertThat(d.path("@metadata").path("mesos_logstash").path("pipelines").toString()).isEqualTo("[\"web\"]");
                assertThat(d.path("@metadata").path("mesos_logstash").path("rules").toString()).isEqualTo("[\"web#1\"]");
            });
            assertThat(documents).anySatisfy(d -> {
                assertThat(d.path("message").asString()).startsWith("file ");
                assertThat(d.path("log").path("file").path("path").asString()).isEqualTo("/tmp/app.log");
                assertThat(d.path("@metadata").path("mesos_logstash").path("pipelines").toString()).isEqualTo("[\"files\"]");
            });
        });

        run.apply(plan(2, "mutate { add_tag => [\"v2\"] }")).toCompletableFuture().get();

        SortedMap<String, String> after = api.runningPipelines();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(after.get("web")).as("the changed pipeline was re-created").isNotEqualTo(before.get("web"));
        assertThat(after.get("files")).as("an unchanged pipeline keeps running").isEqualTo(before.get("files"));
        assertThat(after.get("mesos-logstash-router")).isEqualTo(before.get("mesos-logstash-router"));
        assertThat(Files.readString(logstashSettings.pipelinesDir().resolve("web.conf"))).contains("v2").doesNotContain("v1");
    }
}
