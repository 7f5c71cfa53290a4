package org.mesoslogstash.onemachine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.opensearch.OpenSearchNode;

import tools.jackson.databind.JsonNode;

/**
 * {@code bin/mesos-logstash} as a user runs it (issue 6, one-machine mode): a busybox container
 * ({@code mlt-one-*}, no network) writes numbered lines to its stdout and to a file; the one-machine
 * mode collects both (the example configuration takes every container's console, the test's own
 * configuration the file) into the embedded OpenSearch or into an Elasticsearch given with
 * {@code --elasticsearch}. Files of each run stay in {@code target/one-machine-it/<id>}.
 */
class OneMachineIT {

    /** More than the one-machine mode's own 5 minutes, so that a failed start shows its own message. */
    private static final Duration START = Duration.ofMinutes(6);
    private static final Duration COLLECT = Duration.ofMinutes(2);
    private static final String FILE = "/tmp/app.log";

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String container = "mlt-one-" + id;
    private final String task = "mlt-one-task-" + id;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Path dir;

    @BeforeEach
    void prepare() throws IOException {
        dir = Files.createDirectories(Path.of("target", "one-machine-it", id).toAbsolutePath());
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        Docker.run("rm", "-f", container);
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    /** Writes lines {@code from..to} to its stdout and to {@link #FILE}, then sleeps; its Mesos task id is {@link #task}. */
    private void startContainer(int from, int to) {
        Docker.run("run", "-d", "--network", "none", "--name", container, "--label", "mlt-one=" + id, "-e", "MESOS_TASK_ID=" + task,
                Docker.busybox(), "sh", "-c", writeLines(from, to, "/dev/stdout") + " sleep 100000");
    }

    /** More lines from an exec, to the container's stdout (pid 1's) and the file. */
    private void writeMore(int from, int to) {
        Docker.run("exec", container, "sh", "-c", writeLines(from, to, "/proc/1/fd/1"));
    }

    private String writeLines(int from, int to, String stdout) {
        return "i=%d; while [ $i -le %d ]; do echo \"out-%s $i\" > %s; echo \"file-%s $i\" >> %s; i=$((i+1)); done;"
                .formatted(from, to, id, stdout, id, FILE);
    }

    /** The test's configuration: the file inside its container (the console comes from the examples). */
    private Path configurations() throws IOException {
        Path configurations = Files.createDirectories(dir.resolve("configurations"));
        Files.writeString(configurations.resolve("test-file.conf"), """
                input {
                  container {
                    labels => { "mlt-one" => "%s" }
                    path   => "%s"
                  }
                }
                """.formatted(id, FILE));
        return configurations;
    }

    /** The container's documents in the store, by message. */
    private static Map<String, List<JsonNode>> documentsByMessage(URI store, String container) throws Exception {
        return Http.search(store, "container.name.keyword:\"" + container + "\"").stream()
                .collect(Collectors.groupingBy(d -> d.get("message").asString()));
    }

    private List<String> expectedMessages(int to) {
        return IntStream.rangeClosed(1, to).boxed().flatMap(i -> List.of("out-" + id + " " + i, "file-" + id + " " + i).stream()).toList();
    }

    private void awaitEveryLineOnce(URI store, int to) {
        await().atMost(COLLECT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, List<JsonNode>> byMessage = documentsByMessage(store, container);
            assertThat(byMessage.keySet()).containsExactlyInAnyOrderElementsOf(expectedMessages(to));
            assertThat(byMessage.values()).allSatisfy(copies -> assertThat(copies).as("copies of a line").hasSize(1));
        });
    }

    private List<String> containerProcesses() {
        return Docker.run("top", container, "-o", "pid,args").lines().skip(1).map(String::strip).sorted().toList();
    }

    private static List<ProcessHandle> executors(OneMachineRun run) {
        return run.descendants().stream().filter(p -> p.info().commandLine().orElse("").contains("mesos-logstash-executor-")).toList();
    }

    @Test
    void collectsEveryLineOnceWithItsMetadataStopsCleanlyAndASecondRunStoresNoLineTwice() throws Exception {
        startContainer(1, 20);
        List<String> idle = containerProcesses();
        int storePort = OneMachineRun.freePort();
        int uiPort = OneMachineRun.freePort();
        URI store = URI.create("http://127.0.0.1:" + storePort);
        List<String> options = List.of("--data", dir.resolve("data").toString(), "--port", Integer.toString(uiPort),
                "--store-port", Integer.toString(storePort), "--configurations", configurations().toString());

        OneMachineRun first = closeLater(OneMachineRun.start(options, dir.resolve("run-1.out"))).awaitUp(START);

        assertThat(first.output()).contains("Web UI          http://127.0.0.1:" + uiPort + "/", "Logs go to      " + store,
                "embedded OpenSearch", "curl -s '" + store + "/mesos-logstash-*/_search?q=*", "containers, test-file");
        awaitEveryLineOnce(store, 20);
        JsonNode console = documentsByMessage(store, container).get("out-" + id + " 1").get(0);
        JsonNode file = documentsByMessage(store, container).get("file-" + id + " 1").get(0);
        for (JsonNode document : List.of(console, file)) {
            assertThat(document.get("container").get("name").asString()).isEqualTo(container);
            assertThat(document.get("container").get("image").get("name").asString()).isEqualTo(Docker.BUSYBOX);
            assertThat(document.get("host").get("name").asString()).isEqualTo(InetAddress.getLocalHost().getHostName());
            assertThat(document.get("mesos").get("task_id").asString()).isEqualTo(task);
        }
        assertThat(console.get("log").get("stream").asString()).isEqualTo("stdout");
        assertThat(file.get("log").get("file").get("path").asString()).isEqualTo(FILE);

        JsonNode agents = Http.get(URI.create("http://127.0.0.1:" + uiPort + "/api/agents"), "admin", first.adminPassword());
        assertThat(agents.get("agents")).singleElement().satisfies(agent -> {
            assertThat(agent.get("agentId").asString()).isEqualTo("one-machine-S0");
            assertThat(agent.get("executorState").asString()).contains("RUNNING");
        });
        List<ProcessHandle> executors = executors(first);
        assertThat(executors).hasSize(1);
        assertThat(containerProcesses()).as("the file's follower runs in the container").hasSizeGreaterThan(idle.size());

        List<ProcessHandle> started = first.descendants();

        assertThat(first.stop()).isEqualTo(143);

        assertThat(first.output()).contains("Framework torn down through the scheduler", "Executor ended", "Stopped");
        assertThat(executors).noneMatch(ProcessHandle::isAlive);
        assertThat(started).as("the JVM, the scheduler, the executor and the store").hasSizeGreaterThanOrEqualTo(4)
                .noneMatch(ProcessHandle::isAlive);
        assertThat(containerProcesses()).as("nothing left in the container").isEqualTo(idle);

        // Lines written while nothing runs are collected by the next run; none of the first run's again.
        writeMore(21, 30);
        OneMachineRun second = closeLater(OneMachineRun.start(options, dir.resolve("run-2.out"))).awaitUp(START);
        awaitEveryLineOnce(store, 30);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(documentsByMessage(store, container).values()).allSatisfy(copies -> assertThat(copies).hasSize(1)));
        assertThat(second.stop()).isEqualTo(143);
    }

    @Test
    void withElasticsearchGivenTheLinesGoThereAndNoStoreIsStarted() throws Exception {
        startContainer(1, 10);
        OpenSearchNode elasticsearch = closeLater(new OpenSearchNode(dir.resolve("elasticsearch")).startTimeout(Duration.ofMinutes(5)));
        elasticsearch.start();
        Path data = dir.resolve("data");

        OneMachineRun run = closeLater(OneMachineRun.start(List.of("--data", data.toString(), "--port", Integer.toString(OneMachineRun.freePort()),
                "--elasticsearch", elasticsearch.uri().toString(), "--configurations", configurations().toString()), dir.resolve("run.out")))
                .awaitUp(START);

        assertThat(run.output()).contains("Logs go to      " + elasticsearch.uri(), "your Elasticsearch").doesNotContain("embedded OpenSearch");
        awaitEveryLineOnce(elasticsearch.uri(), 10);
        assertThat(run.descendants()).map(p -> p.info().commandLine().orElse("")).noneMatch(c -> c.contains("OpenSearchNodeMain"));
        assertThat(data.resolve("store")).doesNotExist();
        assertThat(run.stop()).isEqualTo(143);
    }

    @Test
    void aBadOptionIsNamedAndNothingStarts() throws Exception {
        Path data = dir.resolve("data");
        Path output = dir.resolve("bad.out");

        int code = OneMachineRun.runToEnd(List.of("--data", data.toString(), "--store-port", "0"), output);

        assertThat(code).isEqualTo(2);
        assertThat(Files.readString(output)).isEqualTo("mesos-logstash: --store-port '0': expected a TCP port, 1 to 65535\n");
        assertThat(data).doesNotExist();
    }
}
