package org.mesoslogstash.executor.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.docker.DockerClients;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.stream.StreamStatus.State;
import org.mesoslogstash.executor.stream.console.ConsoleStream;
import org.mesoslogstash.executor.stream.console.DockerConsoleLogs;
import org.mesoslogstash.executor.stream.exec.DockerContainerExec;
import org.mesoslogstash.executor.stream.file.FileStream;
import org.mesoslogstash.executor.stream.file.FileStreamSettings;
import org.mesoslogstash.executor.testsupport.TestContainers;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.retry.Sleeper;

/** Many real streams at once under one supervisor: missing files retried until they appear, and a clean shutdown. */
class StreamSupervisorIT {

    private static final int FILES = 40;

    private final TestContainers containers = new TestContainers("mlt-strm-");
    private final DockerClient docker = DockerClients.connect(DockerEndpoint.fromEnvironment(System.getenv()));

    @AfterEach
    void cleanUp() throws Exception {
        containers.close();
        docker.close();
    }

    @Test
    void runsManyStreamsRetriesMissingFilesAndLeavesNothingBehind() throws Exception {
        String c = containers.busyboxRunning("echo console says hi; sleep 3600");
        // One exec for all files: every exec costs the daemon, and it has the retrying streams' too.
        TestContainers.sh(c, "i=0; while [ $i -lt " + FILES + " ]; do echo file$i > /tmp/f$i.log; i=$((i + 2)); done");
        CollectingPublisher publisher = new CollectingPublisher();
        FileStreamSettings settings = new FileStreamSettings(64 * 1024, 1 << 20, Duration.ofMillis(500), Duration.ofMillis(200));
        StreamSupervisor supervisor = new StreamSupervisor(
                new FileStream(new DockerContainerExec(docker), publisher, Clock.systemUTC(), settings),
                new ConsoleStream(DockerConsoleLogs.of(docker), publisher, 64 * 1024),
                Clock.systemUTC(), Sleeper.REAL, new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2)),
                Thread.ofVirtual().name("stream-", 0).factory());
        SourceMetadata source = new SourceMetadata(c, "c", "busybox", Map.of(), "host", null, null, null);
        for (int i = 0; i < FILES; i++) {
            assertThat(supervisor.start(StreamKey.file(c, "/tmp/f" + i + ".log"), source, Optional.empty())).isTrue();
        }
        supervisor.start(StreamKey.stdout(c), source, Optional.empty());

        await().atMost(Duration.ofSeconds(60)).until(() -> publisher.lines().size() == FILES / 2 + 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(supervisor.statuses().get(StreamKey.file(c, "/tmp/f1.log")).lastFailure().kind())
                        .isEqualTo(StreamFailure.Kind.FILE_MISSING));

        TestContainers.sh(c, "i=1; while [ $i -lt " + FILES + " ]; do echo file$i > /tmp/f$i.log; i=$((i + 2)); done");
        await().atMost(Duration.ofSeconds(60)).until(() -> publisher.lines().size() == FILES + 1);
        assertThat(publisher.lines()).contains("console says hi", "file0", "file1", "file" + (FILES - 1));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                supervisor.statuses().values().stream().allMatch(s -> s.state() == State.RUNNING));

        assertThat(supervisor.close(Duration.ofSeconds(30))).isTrue();
        assertThat(supervisor.statuses().values()).allSatisfy(s -> assertThat(s.state()).isEqualTo(State.STOPPED));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(TestContainers.processes(c)).singleElement().asString().contains("sleep 3600"));
    }
}
