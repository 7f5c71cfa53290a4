package org.mesoslogstash.executor.stream.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.docker.DockerClients;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.stream.CollectingPublisher;
import org.mesoslogstash.executor.stream.StreamFailure;
import org.mesoslogstash.executor.stream.StreamRun;
import org.mesoslogstash.executor.testsupport.TestContainers;

class ConsoleStreamIT {

    private static DockerClient docker;
    private static DockerConsoleLogs logs;

    private final TestContainers containers = new TestContainers("mlt-strm-");

    @BeforeAll
    static void connect() {
        docker = DockerClients.connect(DockerEndpoint.fromEnvironment(System.getenv()));
        logs = DockerConsoleLogs.of(docker);
    }

    @AfterAll
    static void disconnect() throws Exception {
        docker.close();
    }

    @AfterEach
    void removeContainers() {
        containers.close();
    }

    private record Reading(StreamRun run, Thread thread, AtomicReference<Throwable> outcome) {
        void stop() throws InterruptedException {
            run.requestStop();
            thread.interrupt();
            thread.join(Duration.ofSeconds(30));
        }
    }

    private static Reading read(StreamKey key, CollectingPublisher publisher, Optional<Position> from) {
        StreamRun run = new StreamRun(key, 1, new SourceMetadata(key.containerId(), "c", "busybox", Map.of(), "host", null, null, null), from);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                new ConsoleStream(logs, publisher, 64 * 1024).read(run);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        return new Reading(run, thread, outcome);
    }

    @Test
    void followsStdoutAndStderrApart() throws InterruptedException {
        String c = containers.busyboxRunning("echo out1; echo err1 >&2; echo out2; sleep 1; echo out3; sleep 3600");
        CollectingPublisher out = new CollectingPublisher();
        CollectingPublisher err = new CollectingPublisher();
        Reading stdout = read(StreamKey.stdout(c), out, Optional.empty());
        Reading stderr = read(StreamKey.stderr(c), err, Optional.empty());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(out.lines()).containsExactly("out1", "out2", "out3"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(err.lines()).containsExactly("err1"));
        assertThat(out.events()).allSatisfy(e -> assertThat(e.resumeAfter()).isInstanceOf(Position.InConsole.class));
        stdout.stop();
        stderr.stop();
        assertThat(stdout.outcome().get()).isNull();
    }

    @Test
    void resumesAfterTheLastDeliveredMessageWithoutLossOrDuplicates() throws InterruptedException {
        String c = containers.busyboxRunning("for i in 1 2 3 4 5 6; do echo line$i; done; sleep 3600");
        CollectingPublisher first = new CollectingPublisher();
        Reading reading = read(StreamKey.stdout(c), first, Optional.empty());
        await().atMost(Duration.ofSeconds(30)).until(() -> first.events().size() == 6);
        reading.stop();
        LogEvent third = first.events().get(2);

        CollectingPublisher second = new CollectingPublisher();
        Reading resumed = read(StreamKey.stdout(c), second, Optional.of(third.resumeAfter()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(second.lines()).containsExactly("line4", "line5", "line6"));
        resumed.stop();
    }

    @Test
    void endsWithContainerGoneWhenTheContainerStops() {
        String c = containers.busyboxRunning("echo bye; sleep 1");
        CollectingPublisher out = new CollectingPublisher();
        Reading reading = read(StreamKey.stdout(c), out, Optional.empty());
        await().atMost(Duration.ofSeconds(30)).until(() -> !reading.thread().isAlive());
        assertThat(out.lines()).containsExactly("bye");
        assertThat(reading.outcome().get()).isInstanceOfSatisfying(StreamFailure.class,
                f -> assertThat(f.kind()).isEqualTo(StreamFailure.Kind.CONTAINER_GONE));
    }
}
