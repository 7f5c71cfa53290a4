package org.mesoslogstash.executor.collector;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.executor.testsupport.BeatsReceiver;
import org.mesoslogstash.executor.testsupport.TestContainers;
import tools.jackson.databind.JsonNode;

/**
 * The collector as its own process, killed with {@code kill -9} while a container writes, then
 * started again: every line arrives at least once, in order per stream apart from the rewind each
 * restart causes, duplicates stay within the bound the delivery pipeline documents, and no follower
 * or {@code tail} is left inside the container.
 */
class CollectorCrashIT {

    private static final int LINES = 40_000;
    private static final int KILLS = 3;
    private static final int WINDOW = 2_000;
    /** Redelivery after one crash: the unacknowledged window plus as many acknowledged but not yet durable. */
    private static final int REDELIVERY_BOUND = 2 * WINDOW;
    private static final String FILE = "/var/log/app.log";

    private final TestContainers containers = new TestContainers("mlt-crash-");
    private Process collector;

    @AfterEach
    void cleanUp() {
        if (collector != null) {
            collector.destroyForcibly();
        }
        containers.close();
    }

    @Test
    void everyLineArrivesAfterKillsAndNothingIsLeftInTheContainer(@TempDir Path dir) throws Exception {
        String label = UUID.randomUUID().toString();
        try (BeatsReceiver receiver = BeatsReceiver.start()) {
            Path config = writeConfig(dir, label, receiver.port());
            // About 10,000 lines a second to the file and the same to stdout, so kills land mid-stream.
            String container = containers.start(List.of("--label", "mlt-crash=" + label), "sh", "-c",
                    "i=0; while [ $i -lt " + LINES + " ]; do "
                            + "j=0; while [ $j -lt 100 ]; do echo \"line $i\"; echo \"line $i\" >&3; i=$((i+1)); j=$((j+1)); done; "
                            + "usleep 10000; done 3>>" + FILE + "; sleep 3600");
            // Kept in target/ so that a failure can be read after the temporary directory is gone.
            Path log = Path.of("target", "CollectorCrashIT-collector.log");
            Files.deleteIfExists(log);
            collector = startCollector(config, log);
            for (int kill = 1; kill <= KILLS; kill++) {
                long threshold = (long) kill * LINES / (KILLS + 1);
                await().atMost(60, SECONDS).until(() -> receiver.eventCount() >= threshold);
                collector.destroyForcibly().waitFor();
                // Without its client's heartbeats the follower must end itself and its tail.
                await().atMost(30, SECONDS).untilAsserted(() -> assertThat(followers(container)).isEmpty());
                collector = startCollector(config, log);
            }
            await().atMost(120, SECONDS).pollInterval(1, SECONDS).until(() -> complete(receiver));
            collector.destroy();
            assertThat(collector.waitFor(30, SECONDS)).as("collector stops on SIGTERM").isTrue();
            assertThat(followers(container)).isEmpty();

            Map<String, List<Integer>> arrivals = arrivals(receiver);
            int duplicates = 0;
            for (Map.Entry<String, List<Integer>> stream : arrivals.entrySet()) {
                List<Integer> numbers = stream.getValue();
                assertThat(numbers.getFirst()).as("first line of %s", stream.getKey()).isZero();
                int rewinds = 0;
                for (int i = 1; i < numbers.size(); i++) {
                    int previous = numbers.get(i - 1);
                    int current = numbers.get(i);
                    if (current <= previous) {
                        rewinds++;
                    } else {
                        assertThat(current).as("line after %d in %s (a gap would be a loss)", previous, stream.getKey())
                                .isEqualTo(previous + 1);
                    }
                }
                assertThat(rewinds).as("rewinds in %s", stream.getKey()).isLessThanOrEqualTo(KILLS);
                assertThat(numbers.stream().distinct().count()).as("distinct lines of %s", stream.getKey()).isEqualTo(LINES);
                duplicates += numbers.size() - LINES;
            }
            System.out.printf("CollectorCrashIT: %d lines x %d streams, %d kills: %d duplicates in all (bound %d)%n",
                    LINES, arrivals.size(), KILLS, duplicates, KILLS * REDELIVERY_BOUND);
            assertThat(arrivals).containsOnlyKeys(FILE, "stdout");
            assertThat(duplicates).isLessThanOrEqualTo(KILLS * REDELIVERY_BOUND);
        }
    }

    private static Path writeConfig(Path dir, String label, int port) throws IOException {
        Path config = dir.resolve("collector.json");
        Files.writeString(config, """
                {
                  "checkpointDir": "%s",
                  "maxUnacknowledged": %d,
                  "sink": {"type": "beats", "host": "127.0.0.1", "port": %d},
                  "collect": [{"name": "crash", "match": {"labels": {"mlt-crash": "%s"}}, "files": ["%s"], "console": true}]
                }
                """.formatted(dir.resolve("checkpoints"), WINDOW, port, label, FILE));
        return config;
    }

    private static Process startCollector(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                CollectorMain.class.getName(), config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private static List<String> followers(String container) {
        return TestContainers.processes(container).stream()
                .filter(process -> process.contains("tail") || process.contains("follower"))
                .toList();
    }

    private static boolean complete(BeatsReceiver receiver) {
        Map<String, List<Integer>> arrivals = arrivals(receiver);
        return arrivals.size() == 2 && arrivals.values().stream().allMatch(numbers -> numbers.stream().distinct().count() == LINES);
    }

    /** Line numbers per stream, in the order they arrived. */
    private static Map<String, List<Integer>> arrivals(BeatsReceiver receiver) {
        Map<String, List<Integer>> arrivals = new LinkedHashMap<>();
        for (JsonNode document : receiver.parsedDocuments()) {
            JsonNode log = document.path("log");
            String stream = log.has("file") ? log.path("file").path("path").asString() : log.path("stream").asString();
            int number = Integer.parseInt(document.path("message").asString().substring("line ".length()));
            arrivals.computeIfAbsent(stream, key -> new ArrayList<>()).add(number);
        }
        return arrivals;
    }
}
