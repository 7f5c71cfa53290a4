package org.mesoslogstash.systemtest.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.mesoslogstash.config.distribution.AppliedConfiguration;
import org.mesoslogstash.simulator.agent.SimulatedAgent.ExecutorView;
import org.mesoslogstash.systemtest.cluster.SchedulerProcess;
import org.mesoslogstash.testsupport.DockerCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The executor image, built from the local Logstash-shaped base, launched by the scheduler with
 * {@code MESOS_LOGSTASH_EXECUTOR_LAUNCH=DOCKER} and run by the simulated agent as the Mesos Docker
 * containerizer runs it, against this machine's Docker daemon: it reaches the agent over the host
 * network, reads the Docker socket it is given, writes checkpoints to the mounted host directory, and
 * a labelled test container's lines arrive with their metadata. It runs the Logstash of its image with
 * the configurations' pipelines, and with the logstash sink a labelled container's file and stdout
 * lines reach the router's beats input (the stand-in's) line by line, once each, routed to the
 * configuration's pipeline. Killing it removes its container, and after a teardown no executor
 * container is left. Logs and sandboxes stay in {@code target/images-it/<test>}.
 */
class ExecutorImageIT {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorImageIT.class);
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SOURCE_IMAGE = "mesos-logstash-test/busybox:latest";
    private static final int WRITER_LINES = 40;
    private static final String WRITER_FILE = "/tmp/app.log";

    private final String testId = "mlt-img-" + UUID.randomUUID().toString().substring(0, 8);
    private final String sourceName = testId + "-source";
    private final String writerName = testId + "-writer";
    private DockerLaunchCluster cluster;

    @BeforeAll
    static void buildImages() {
        ProductImages.build();
    }

    @BeforeEach
    void startSource() {
        DockerCommand.local().run("run", "-d", "--network", "none", "--name", sourceName, "--label", DockerLaunchCluster.LABEL + "=" + testId,
                SOURCE_IMAGE, "sh", "-c", "i=0; while true; do echo \"img-line $i\"; i=$((i+1)); sleep 0.2; done");
    }

    private void startCluster(TestInfo test) throws Exception {
        cluster = DockerLaunchCluster.start(dir(test), testId);
    }

    private Path dir(TestInfo test) {
        return Path.of("target", "images-it", test.getTestMethod().orElseThrow().getName() + "-" + testId).toAbsolutePath();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            DockerCommand.local().removeContainersNamed(sourceName);
            DockerCommand.local().removeContainersNamed(writerName);
        }
    }

    @Test
    void theExecutorImageRunsAsADockerContainerOfTheAgentAndShipsATestContainersLinesWithTheirMetadata(TestInfo test) throws Exception {
        startCluster(test);
        long started = System.nanoTime();
        ExecutorView executor = awaitOneRunningExecutor();
        LOG.info("executor container TASK_RUNNING {} ms after the scheduler started", (System.nanoTime() - started) / 1_000_000);

        await().atMost(WAIT).untilAsserted(() -> assertThat(collectedMessages(executor)).contains("img-line 0", "img-line 1", "img-line 5"));
        JsonNode event = collected(executor).get(0);
        assertThat(event.path("container").path("name").asString()).isEqualTo(sourceName);
        assertThat(event.path("container").path("image").path("name").asString()).isEqualTo(SOURCE_IMAGE);
        assertThat(event.path("container").path("labels").path(DockerLaunchCluster.LABEL).asString()).isEqualTo(testId);
        assertThat(event.path("log").path("stream").asString()).isEqualTo("stdout");
        assertThat(event.path("host").path("name").asString()).isNotBlank();

        List<String> containers = cluster.executorContainers();
        assertThat(containers).hasSize(1);
        assertThat(executor.container()).contains(containers.get(0));
        JsonNode inspected = JSON.readTree(DockerCommand.local().run("inspect", containers.get(0))).get(0);
        assertThat(inspected.path("Config").path("Image").asString()).isEqualTo(ProductImages.EXECUTOR);
        assertThat(inspected.path("Path").asString()).isEqualTo("/usr/share/logstash/jdk/bin/java");
        assertThat(inspected.path("HostConfig").path("NetworkMode").asString()).isEqualTo("host");
        assertThat(mounts(inspected)).containsEntry("/var/run/docker.sock", "/var/run/docker.sock")
                .containsEntry("/var/lib/mesos-logstash", cluster.checkpointHostDir().toString())
                .containsEntry("/mnt/mesos/sandbox", executor.sandbox().toAbsolutePath().toString());
        List<String> env = new ArrayList<>();
        inspected.path("Config").path("Env").forEach(v -> env.add(v.asString()));
        assertThat(env).contains("MESOS_SANDBOX=/mnt/mesos/sandbox", "MESOS_CONTAINER_NAME=" + containers.get(0),
                "MESOS_AGENT_ENDPOINT=127.0.0.1:" + cluster.simulator().agent("a1").port(),
                "MESOS_EXECUTOR_ID=" + executor.executorId().getValue());
        // Checkpoints go to the host directory, where a new container finds them.
        await().atMost(WAIT).untilAsserted(() -> assertThat(filesUnder(cluster.checkpointHostDir().resolve("checkpoints"))).isNotEmpty());
    }

    @Test
    void killingTheExecutorRemovesItsContainerAndATeardownLeavesNoExecutorContainer(TestInfo test) throws Exception {
        startCluster(test);
        ExecutorView first = awaitOneRunningExecutor();
        String firstContainer = cluster.executorContainers().get(0);

        cluster.simulator().crashExecutor("a1", first.executorId());

        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.executorContainers()).doesNotContain(firstContainer));
        ExecutorView second = awaitOneRunningExecutor();
        assertThat(second.executorId()).isNotEqualTo(first.executorId());
        assertThat(cluster.executorContainers()).hasSize(1).doesNotContain(firstContainer);
        await().atMost(WAIT).untilAsserted(() -> assertThat(collectedMessages(second)).isNotEmpty());

        assertThat(cluster.api().post("/api/teardown?confirm=yes", DockerLaunchCluster.OPERATOR, DockerLaunchCluster.OPERATOR_PASSWORD))
                .hasValueSatisfying(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(cluster.executorContainers()).isEmpty();
            assertThat(cluster.liveExecutors()).isEmpty();
        });
    }

    @Test
    void theExecutorRunsTheLogstashOfItsImageWithTheConfigurationsPipelinesAndShipsEveryLineToItsBeatsInputOnce(TestInfo test)
            throws Exception {
        // A second labelled container that writes a known number of lines to stdout and to a file, then idles.
        DockerCommand.local().run("run", "-d", "--network", "none", "--name", writerName, "--label", DockerLaunchCluster.LABEL + "=" + testId,
                SOURCE_IMAGE, "sh", "-c", "i=0; while [ $i -lt " + WRITER_LINES + " ]; do echo \"out $i\"; echo \"file $i\" >> " + WRITER_FILE
                        + "; i=$((i+1)); sleep 0.05; done; exec sleep 100000");
        int beatsPort = SchedulerProcess.freePort();
        String collector = """
                {"checkpointDir": "/var/lib/mesos-logstash/checkpoints", "sink": {"type": "logstash", "port": %d}}
                """.formatted(beatsPort);
        String configuration = """
                input { container { labels => { "%s" => "%s" } console => true path => "%s" } }
                output { stdout {} }
                """.formatted(DockerLaunchCluster.LABEL, testId, WRITER_FILE);
        cluster = DockerLaunchCluster.start(dir(test), testId, collector, Map.of("images", configuration));

        // TASK_RUNNING only once Logstash runs every pipeline; the version is the configuration's.
        ExecutorView executor = awaitOneRunningExecutor();
        assertThat(cluster.taskOf(executor).map(AppliedConfiguration::appliedVersion)).contains(OptionalLong.of(1));
        String container = cluster.executorContainers().get(0);
        // The image's Logstash (here the test base's stand-in, started by its bin/logstash), a child of the executor in its container.
        assertThat(DockerCommand.local().run("top", container, "-o", "pid,args")).contains("/usr/share/logstash/jdk/bin/java")
                .contains("StandInLogstash").contains("--path.settings /var/lib/mesos-logstash/logstash/settings");
        // Its files (and persistent queues) beside the checkpoints, in the mounted host directory.
        Path pipelines = cluster.checkpointHostDir().resolve("logstash").resolve("settings").resolve("pipelines.yml");
        assertThat(Files.readString(pipelines)).contains("pipeline.id: \"images\"", "pipeline.id: \"mesos-logstash-router\"");

        // Every line reached the router's beats input (the stand-in's, which writes what it acknowledged to its path.data), once.
        Path received = cluster.checkpointHostDir().resolve("logstash").resolve("data").resolve("standin-beats-events.jsonl");
        List<String> stdout = numbered("out", WRITER_LINES);
        List<String> file = numbered("file", WRITER_LINES);
        await().atMost(WAIT).untilAsserted(() -> {
            List<JsonNode> events = writerEvents(received);
            assertThat(messages(events, e -> e.path("log").path("stream").asString().equals("stdout"))).containsExactlyElementsOf(stdout);
            assertThat(messages(events, e -> e.path("log").path("file").path("path").asString().equals(WRITER_FILE)))
                    .containsExactlyElementsOf(file);
            assertThat(events).hasSize(2 * WRITER_LINES);
        });
        for (JsonNode event : writerEvents(received)) {
            assertThat(event.path("container").path("image").path("name").asString()).isEqualTo(SOURCE_IMAGE);
            assertThat(event.path("container").path("labels").path(DockerLaunchCluster.LABEL).asString()).isEqualTo(testId);
            assertThat(event.path("host").path("name").asString()).isNotBlank();
            assertThat(event.path("@metadata").path("beat").asString()).isEqualTo("mesos-logstash");
            assertThat(event.path("@metadata").path("mesos_logstash").path("pipelines").toString()).as("routed to the configuration's pipeline")
                    .isEqualTo("[\"images\"]");
        }
    }

    /** The events of the writer container that the stand-in's beats input kept, in the order it kept them. */
    private List<JsonNode> writerEvents(Path received) throws Exception {
        if (!Files.exists(received)) {
            return List.of();
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(received)) {
            JsonNode event = JSON.readTree(line);
            if (event.path("container").path("name").asString().equals(writerName)) {
                events.add(event);
            }
        }
        return events;
    }

    private static List<String> messages(List<JsonNode> events, Predicate<JsonNode> stream) {
        return events.stream().filter(stream).map(e -> e.path("message").asString()).toList();
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + " " + i).toList();
    }

    private ExecutorView awaitOneRunningExecutor() {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .failFast("the scheduler exited; see scheduler.log", () -> !cluster.scheduler().isAlive()).until(() -> {
            List<ExecutorView> live = cluster.liveExecutors();
            return live.size() == 1 && live.get(0).subscribed() && cluster.running(live.get(0)) ? live.get(0) : null;
        }, e -> e != null);
    }

    private static List<JsonNode> collected(ExecutorView executor) throws Exception {
        Path file = executor.sandbox().resolve(DockerLaunchCluster.SINK_FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    private static List<String> collectedMessages(ExecutorView executor) throws Exception {
        return collected(executor).stream().map(e -> e.path("message").asString()).toList();
    }

    /** Container path to host path of every mount. */
    private static Map<String, String> mounts(JsonNode inspected) {
        Map<String, String> mounts = new HashMap<>();
        inspected.path("Mounts").forEach(m -> mounts.put(m.path("Destination").asString(), m.path("Source").asString()));
        return mounts;
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
