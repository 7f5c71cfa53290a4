package org.mesoslogstash.executor.collector;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.executor.matching.ContainerSelector;
import org.mesoslogstash.executor.testsupport.BeatsReceiver;
import org.mesoslogstash.executor.testsupport.TestImages;
import org.mesoslogstash.testsupport.PrivateDockerDaemon;
import tools.jackson.databind.JsonNode;

/**
 * The Docker daemon restarts while the collector streams a file out of a container that Docker
 * restarts with it: the collector reconnects, follows the container again from its checkpoint, and
 * every line of the file arrives.
 */
class CollectorDaemonRestartIT {

    private static final String FILE = "/var/log/app.log";
    private static final int LINES = 3_000;

    private static PrivateDockerDaemon daemon;

    @BeforeAll
    static void startDaemon() {
        daemon = PrivateDockerDaemon.create("collector");
        daemon.start();
        daemon.loadImage(TestImages.busybox());
    }

    @AfterAll
    static void removeDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void everyLineArrivesAcrossADaemonRestart(@TempDir Path dir) throws Exception {
        // Counting on from the lines already in the file, so the restarted container continues the sequence.
        daemon.docker("run", "-d", "--network", "none", "--restart", "always", "--stop-signal", "SIGKILL",
                "--label", "mlt-restart=yes", "--name", "mlt-restart-writer", TestImages.BUSYBOX, "sh", "-c",
                "i=$(cat " + FILE + " 2>/dev/null | wc -l); while [ $i -lt " + LINES + " ]; do echo \"line $i\" >> " + FILE
                        + "; i=$((i+1)); usleep 5000; done; sleep 3600");
        try (BeatsReceiver receiver = BeatsReceiver.start()) {
            CollectorConfig config = new CollectorConfig("restart-host", new DockerEndpoint(URI.create(daemon.host())), dir.resolve("checkpoints"), 65536, 1000,
                    Duration.ofSeconds(5), new CollectorConfig.SinkConfig.Beats("127.0.0.1", receiver.port(), 0, false, null, null),
                    List.of(new CollectRule("restart", new ContainerSelector(List.of(), Map.of("mlt-restart", "yes"), null, null),
                            List.of(FILE), false)));
            RunningCollector collector = RunningCollector.start(config, Clock.systemUTC());
            try {
                await().atMost(60, SECONDS).until(() -> receiver.eventCount() >= LINES / 4);
                daemon.restart();
                await().atMost(120, SECONDS).pollInterval(1, SECONDS).until(() -> lineNumbers(receiver).size() == LINES);
            } finally {
                collector.close(Duration.ofSeconds(20));
            }
            Set<Integer> numbers = lineNumbers(receiver);
            assertThat(numbers.iterator().next()).isZero();
            assertThat(((TreeSet<Integer>) numbers).last()).isEqualTo(LINES - 1);
            System.out.printf("CollectorDaemonRestartIT: %d lines, %d events received across a daemon restart%n",
                    LINES, receiver.eventCount());
        }
    }

    private static Set<Integer> lineNumbers(BeatsReceiver receiver) {
        Set<Integer> numbers = new TreeSet<>();
        for (JsonNode document : receiver.parsedDocuments()) {
            numbers.add(Integer.parseInt(document.path("message").asString().substring("line ".length())));
        }
        return numbers;
    }
}
