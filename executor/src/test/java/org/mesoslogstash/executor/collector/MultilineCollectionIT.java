package org.mesoslogstash.executor.collector;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.matching.ContainerSelector;
import org.mesoslogstash.executor.multiline.MultilineSettings;
import org.mesoslogstash.executor.testsupport.BeatsReceiver;
import org.mesoslogstash.executor.testsupport.TestContainers;
import tools.jackson.databind.JsonNode;

/**
 * A Java application's log with a stack trace, collected from a real container with multiline
 * joining: the trace arrives as one event at its first line's offset, the last entry arrives once its
 * file has been quiet for flushAfter, and the checkpoint then stands at the end of the file.
 */
class MultilineCollectionIT {

    private static final String FILE = "/data/app.log";
    private static final List<String> LOG = List.of(
            "2026-11-29 12:00:00.001 INFO  starting",
            "2026-11-29 12:00:00.123 ERROR request failed",
            "java.lang.IllegalStateException: no connection",
            "\tat com.example.db.Pool.take(Pool.java:42)",
            "Caused by: java.net.ConnectException: Connection refused",
            "\t... 2 more",
            "2026-11-29 12:00:01.000 INFO  retrying");

    private final TestContainers containers = new TestContainers("mlt-multiline-");

    @AfterEach
    void removeContainers() {
        containers.close();
    }

    @Test
    void aStackTraceArrivesAsOneEventAndTheLastEntryAfterTheQuietPeriod(@TempDir Path dir) throws Exception {
        String label = UUID.randomUUID().toString();
        StringBuilder script = new StringBuilder("mkdir -p /data; ");
        // The line is printf's format, so that its \t becomes a tab (no line has a %).
        LOG.forEach(line -> script.append("printf '").append(line.replace("\t", "\\t")).append("\\n' >> ").append(FILE).append("; "));
        String container = containers.start(List.of("--label", "mlt-multiline=" + label), "sh", "-c", script + "sleep 3600");
        MultilineSettings dated = new MultilineSettings(Pattern.compile("^\\d{4}-\\d{2}-\\d{2} "), true, MultilineSettings.Match.AFTER,
                500, 1 << 20, Duration.ofMillis(500));
        long fileBytes = LOG.stream().mapToLong(line -> line.length() + 1).sum();

        try (BeatsReceiver receiver = BeatsReceiver.start()) {
            CollectorConfig config = new CollectorConfig("multiline-host", new DockerEndpoint(DockerEndpoint.DEFAULT), dir.resolve("checkpoints"),
                    65536, 1000, Duration.ofSeconds(30), new CollectorConfig.SinkConfig.Beats("127.0.0.1", receiver.port(), 0, false, null, null),
                    List.of(new CollectRule("java", new ContainerSelector(List.of(), Map.of("mlt-multiline", label), null, null),
                            List.of(FILE), false, "java", dated)));
            RunningCollector collector = RunningCollector.start(config, Clock.systemUTC());
            try {
                await().atMost(60, SECONDS).until(() -> receiver.eventCount() >= 3);
                await().atMost(30, SECONDS).until(() -> collector.deliveryMetrics().checkpointed().get(StreamKey.file(container, FILE))
                        instanceof Position.InFile at && at.offset() == fileBytes);
            } finally {
                collector.close(Duration.ofSeconds(20));
            }
            List<JsonNode> documents = receiver.parsedDocuments();
            assertThat(documents).extracting(document -> document.path("message").asString()).containsExactly(
                    LOG.get(0), String.join("\n", LOG.subList(1, 6)), LOG.get(6));
            assertThat(documents.get(1).at("/log/offset").asLong()).isEqualTo(LOG.get(0).length() + 1);
            assertThat(documents.get(1).at("/@metadata/mesos_logstash/pipelines/0").asString()).isEqualTo("java");
        }
    }
}
