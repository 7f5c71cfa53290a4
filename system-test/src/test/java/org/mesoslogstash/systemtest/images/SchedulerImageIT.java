package org.mesoslogstash.systemtest.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.simulator.MesosSimulator;
import org.mesoslogstash.simulator.SimulatorConfig;
import org.mesoslogstash.systemtest.cluster.SchedulerProcess;
import org.mesoslogstash.testsupport.DockerCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler image, built from the local JRE base, as an operator starts it: host network, only the
 * master given (the image brings the collector settings and MESOS_LOGSTASH_COLLECTOR_CONFIG). It
 * registers with the simulator's master found through ZooKeeper and answers its health and readiness
 * endpoints; a bad option stops it with a non-zero exit and a message naming the option.
 */
class SchedulerImageIT {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerImageIT.class);
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name = "mlt-img-" + UUID.randomUUID().toString().substring(0, 8) + "-scheduler";

    @BeforeAll
    static void buildImages() {
        ProductImages.build();
    }

    @AfterEach
    void removeContainer() {
        DockerCommand.local().removeContainersNamed(name);
    }

    @Test
    void theSchedulerImageRegistersWithTheMasterAndAnswersHealthAndReadiness(@TempDir Path dir) throws Exception {
        try (TestingServer zooKeeper = new TestingServer(true);
                MesosSimulator simulator = MesosSimulator.start(SimulatorConfig.fast(List.of(), dir.resolve("mesos"))
                        .withZooKeeper(zooKeeper.getConnectString(), "/mesos"))) {
            int port = SchedulerProcess.freePort();
            SchedulerApi api = new SchedulerApi(port);
            long started = System.nanoTime();
            DockerCommand.local().run("run", "-d", "--network", "host", "--name", name,
                    "-e", "MESOS_LOGSTASH_MASTER=zk://" + zooKeeper.getConnectString() + "/mesos",
                    "-e", "MESOS_LOGSTASH_FRAMEWORK_NAME=" + name, "-e", "PORT0=" + port, ProductImages.SCHEDULER);

            JsonNode health = await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.get("/api/health").filter(r -> r.statusCode() == 200).map(r -> JSON.readTree(r.body())), Optional::isPresent)
                    .orElseThrow();
            LOG.info("scheduler image subscribed and healthy {} ms after docker run", (System.nanoTime() - started) / 1_000_000);
            assertThat(health.path("subscribed").asBoolean()).isTrue();
            FrameworkID registered = simulator.master().frameworkId(name).orElseThrow();
            assertThat(health.path("frameworkId").asString()).isEqualTo(registered.getValue());
            assertThat(simulator.master().isConnected(registered)).isTrue();
            await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/api/ready")).hasValueSatisfying(r -> {
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(r.body()).path("ready").asBoolean()).isTrue();
            }));
            assertThat(DockerCommand.local().run("inspect", "--format", "{{.State.Running}}", name)).isEqualTo("true");
        }
    }

    @Test
    void aBadOptionStopsTheSchedulerImageWithANonZeroExitAndAMessageNamingTheOption() {
        ProcessRun.Result result = ProcessRun.run(List.of("docker", "run", "--network", "host", "--name", name,
                "-e", "MESOS_LOGSTASH_MASTER=zk://127.0.0.1:2181/mesos", "-e", "MESOS_LOGSTASH_REFUSE_SECONDS=-3",
                "-e", "PORT0=" + SchedulerProcess.freePort(), ProductImages.SCHEDULER), 180);

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("MESOS_LOGSTASH_REFUSE_SECONDS").contains("-3");
    }
}
