package org.mesoslogstash.executor.stream.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.delivery.EventPublisher;
import org.mesoslogstash.executor.docker.DockerClients;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.stream.CollectingPublisher;
import org.mesoslogstash.executor.stream.StreamFailure;
import org.mesoslogstash.executor.stream.StreamRun;
import org.mesoslogstash.executor.stream.StreamStatus;
import org.mesoslogstash.executor.stream.exec.DockerContainerExec;
import org.mesoslogstash.executor.stream.exec.ExecSession;
import org.mesoslogstash.testsupport.DockerCommand;
import org.mesoslogstash.executor.testsupport.TestContainers;

class FileStreamIT {

    private static final String LOG = "/var/log/app.log";
    private static final FileStreamSettings SETTINGS =
            new FileStreamSettings(64 * 1024, 4 * 1024 * 1024, Duration.ofMillis(200), Duration.ofMillis(50));

    private static DockerClient docker;
    private static DockerContainerExec exec;

    private final TestContainers containers = new TestContainers("mlt-strm-");
    private final CollectingPublisher publisher = new CollectingPublisher();
    private Running running;

    @BeforeAll
    static void connect() {
        docker = DockerClients.connect(DockerEndpoint.fromEnvironment(System.getenv()));
        exec = new DockerContainerExec(docker);
    }

    @AfterAll
    static void disconnect() throws Exception {
        docker.close();
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (running != null) {
            running.stop();
        }
        containers.close();
    }

    /** A FileStream reading on its own virtual thread. */
    private final class Running {
        final StreamRun run;
        final Thread thread;
        final AtomicReference<Throwable> outcome = new AtomicReference<>();
        volatile boolean done;

        Running(FileStreamSettings settings, String container, Optional<Position> from) {
            StreamKey key = StreamKey.file(container, LOG);
            run = new StreamRun(key, 1, new SourceMetadata(container, "c", "busybox", Map.of(), "host", null, null, null), from);
            FileStream stream = new FileStream(exec, publisher, Clock.systemUTC(), settings);
            thread = Thread.ofVirtual().start(() -> {
                try {
                    stream.read(run);
                } catch (Throwable t) {
                    outcome.set(t);
                } finally {
                    done = true;
                }
            });
        }

        void stop() throws InterruptedException {
            run.requestStop();
            thread.interrupt();
            thread.join(Duration.ofSeconds(30));
        }

        StreamFailure failure() {
            await().atMost(Duration.ofSeconds(30)).until(() -> done);
            assertThat(outcome.get()).isInstanceOf(StreamFailure.class);
            return (StreamFailure) outcome.get();
        }
    }

    private Running follow(String container) {
        return follow(container, Optional.empty());
    }

    private Running follow(String container, Optional<Position> from) {
        running = new Running(SETTINGS, container, from);
        return running;
    }

    private void awaitLines(String... lines) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(publisher.lines()).containsExactly(lines));
    }

    @Test
    void deliversLinesWithTheirOffsetsAndResumePositions() {
        String c = containers.busybox();
        TestContainers.sh(c, "printf 'one\\ntwo\\nthree\\n' > " + LOG);
        long inode = TestContainers.inode(c, LOG);
        follow(c);
        awaitLines("one", "two", "three");
        List<LogEvent> events = publisher.events();
        assertThat(events).extracting(LogEvent::offset).containsExactly(0L, 4L, 8L);
        assertThat(events).extracting(LogEvent::resumeAfter).containsExactly(
                new Position.InFile(inode, 4), new Position.InFile(inode, 8), new Position.InFile(inode, 14));
        assertThat(events).allSatisfy(e -> assertThat(e.split()).isNull());
        assertThat(running.run.lastPosition()).contains(new Position.InFile(inode, 14));

        TestContainers.sh(c, "echo four >> " + LOG);
        awaitLines("one", "two", "three", "four");
        assertThat(publisher.events().get(3).offset()).isEqualTo(14);
    }

    @Test
    void resumesFromACheckpointOnTheSameFile() {
        String c = containers.busybox();
        TestContainers.sh(c, "printf 'one\\ntwo\\nthree\\n' > " + LOG);
        long inode = TestContainers.inode(c, LOG);
        follow(c, Optional.of(new Position.InFile(inode, 4)));
        awaitLines("two", "three");
        assertThat(publisher.events().get(0).offset()).isEqualTo(4);
    }

    @Test
    void finishesTheOldFileWhenItWasRotatedWhileNotFollowed() {
        String c = containers.busybox();
        TestContainers.sh(c, "printf 'one\\ntwo\\n' > " + LOG);
        long oldInode = TestContainers.inode(c, LOG);
        TestContainers.sh(c, "mv " + LOG + " " + LOG + ".1 && echo new > " + LOG);
        follow(c, Optional.of(new Position.InFile(oldInode, 4)));
        awaitLines("two", "new");
    }

    @Test
    void losesNothingWhenTheFileIsRotatedByRenameAndCreate() {
        String c = containers.busybox();
        TestContainers.sh(c, "echo a > " + LOG);
        follow(c);
        awaitLines("a");
        TestContainers.sh(c, "echo b >> " + LOG + "; mv " + LOG + " " + LOG + ".1; echo c >> " + LOG + ".1; echo d > " + LOG + "; echo e >> " + LOG);
        awaitLines("a", "b", "c", "d", "e");
        long newInode = TestContainers.inode(c, LOG);
        LogEvent d = publisher.events().get(3);
        assertThat(d.offset()).isZero();
        assertThat(d.resumeAfter()).isEqualTo(new Position.InFile(newInode, 2));
    }

    @Test
    void readsATruncatedFileAgainFromTheStart() {
        String c = containers.busybox();
        TestContainers.sh(c, "printf 'first line\\nsecond line\\n' > " + LOG);
        follow(c);
        awaitLines("first line", "second line");
        TestContainers.sh(c, "cp " + LOG + " " + LOG + ".1; : > " + LOG);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestContainers.sh(c, "stat -c %s " + LOG).strip().equals("0"));
        // The follower must notice the truncation before the file grows past the old offset again.
        TestContainers.sh(c, "sleep 0.5; echo x >> " + LOG);
        awaitLines("first line", "second line", "x");
        assertThat(publisher.events().get(2).offset()).isZero();
    }

    @Test
    void splitsLinesLongerThanTheLimitAndFlagsTheParts() {
        String c = containers.busybox();
        TestContainers.sh(c, "printf '0123456789abcdefghijXYZ\\nok\\n' > " + LOG);
        running = new Running(new FileStreamSettings(10, 4 * 1024 * 1024, Duration.ofMillis(200), Duration.ofMillis(50)), c, Optional.empty());
        awaitLines("0123456789", "abcdefghij", "XYZ", "ok");
        assertThat(publisher.events()).extracting(LogEvent::split).containsExactly(
                new LogEvent.Split(0, false), new LogEvent.Split(1, false), new LogEvent.Split(2, true), null);
        assertThat(publisher.events()).extracting(LogEvent::offset).containsExactly(0L, 10L, 20L, 24L);
    }

    @Test
    void keepsBytesThatAreNotUtf8() {
        String c = containers.busybox();
        TestContainers.sh(c, "printf '\\377\\376a\\000b\\n' > " + LOG);
        follow(c);
        await().atMost(Duration.ofSeconds(30)).until(() -> publisher.events().size() == 1);
        assertThat(publisher.events().get(0).line()).containsExactly(0xff, 0xfe, 'a', 0, 'b');
    }

    @Test
    void reportsAMissingFileAndReadsItOnceCreated() throws InterruptedException {
        String c = containers.busybox();
        StreamFailure failure = follow(c).failure();
        assertThat(failure.kind()).isEqualTo(StreamFailure.Kind.FILE_MISSING);
        assertThat(failure.reason()).contains(LOG).contains("does not exist");

        TestContainers.sh(c, "echo here > " + LOG);
        follow(c);
        awaitLines("here");
    }

    @Test
    void reportsAFileItMayNotRead() {
        String c = containers.busybox("--user", "65534");
        TestContainers.sh(c, "echo secret > /tmp/secret.log; chmod 600 /tmp/secret.log");
        StreamKey key = StreamKey.file(c, "/tmp/secret.log");
        StreamRun run = new StreamRun(key, 1, new SourceMetadata(c, "c", "busybox", Map.of(), "host", null, null, null), Optional.empty());
        FileStream stream = new FileStream(exec, publisher, Clock.systemUTC(), SETTINGS);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stream.read(run))
                .isInstanceOfSatisfying(StreamFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(StreamFailure.Kind.FILE_UNREADABLE);
                    assertThat(f.reason()).contains("permission denied").contains("/tmp/secret.log");
                });
    }

    @Test
    void reportsAContainerWithoutAShellClearly() {
        String c = containers.withoutShell();
        StreamFailure failure = follow(c).failure();
        assertThat(failure.kind()).isEqualTo(StreamFailure.Kind.UNSUPPORTED_CONTAINER);
        assertThat(failure.reason()).contains("sh");
    }

    @Test
    void reportsAContainerKilledMidStream() {
        String c = containers.busybox();
        TestContainers.sh(c, "echo before > " + LOG);
        follow(c);
        awaitLines("before");
        DockerCommand.local().run("kill", c);
        StreamFailure failure = running.failure();
        assertThat(failure.kind()).isEqualTo(StreamFailure.Kind.CONTAINER_GONE);
        assertThat(failure.reason()).contains("not running");
    }

    @Test
    void leavesNothingRunningInTheContainerWhenStopped() throws InterruptedException {
        String c = containers.busybox();
        TestContainers.sh(c, "echo x > " + LOG);
        follow(c);
        awaitLines("x");
        // The watchdog's exec starts once the follower has said hello, which may be just after the first line.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestContainers.processes(c))
                .anyMatch(p -> p.contains("follower")).anyMatch(p -> p.contains("watchdog")));
        running.stop();
        assertThat(running.thread.isAlive()).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(TestContainers.processes(c)).singleElement().asString().contains("sleep 3600"));
    }

    @Test
    void theWatchdogKillsTheFollowerWhenItsClientVanishes() throws Exception {
        String c = containers.busybox();
        TestContainers.sh(c, "echo x > " + LOG);
        ExecSession follower = exec.start(c, FollowerScript.command(LOG, 0, 0, SETTINGS), false);
        String started = new String(follower.output().readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(started).isEqualTo("S 1 ");
        long pid = Long.parseLong(new String(readLine(follower.output()), java.nio.charset.StandardCharsets.US_ASCII));
        ExecSession watchdog = exec.start(c, FollowerScript.watchdogCommand(pid, SETTINGS), true);
        watchdog.input().write('h');
        await().atMost(Duration.ofSeconds(10)).until(() -> TestContainers.processes(c).stream().anyMatch(p -> p.contains("watchdog")));
        // A client that dies: no quit byte, the connections just dropped.
        watchdog.close();
        follower.close();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(TestContainers.processes(c)).singleElement().asString().contains("sleep 3600"));
    }

    @Test
    void aFollowerWhoseWatchdogNeverCameEndsItself() throws Exception {
        String c = containers.busybox();
        TestContainers.sh(c, "echo x > " + LOG);
        ExecSession follower = exec.start(c, FollowerScript.command(LOG, 0, 0, SETTINGS), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestContainers.processes(c).stream().anyMatch(p -> p.contains("follower")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(TestContainers.processes(c)).singleElement().asString().contains("sleep 3600"));
        follower.close();
    }

    private static byte[] readLine(java.io.InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toByteArray();
    }

    @Test
    void aFileWithBytesNotReadYetLagsUntilTheyAreRead() throws InterruptedException {
        String c = containers.busybox();
        TestContainers.sh(c, "printf 'one\\ntwo\\nthree\\n' > " + LOG);
        CountDownLatch release = new CountDownLatch(1);
        // The sink holds back: the first line is not taken until released, so nothing counts as read.
        EventPublisher held = event -> {
            release.await();
            publisher.publish(event);
        };
        StreamRun run = new StreamRun(StreamKey.file(c, LOG), 1, new SourceMetadata(c, "c", "busybox", Map.of(), "host", null, null, null),
                Optional.empty());
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                new FileStream(exec, held, Clock.systemUTC(), SETTINGS).read(run);
            } catch (StreamFailure | InterruptedException e) {
                // Stopped below.
            }
        });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> lag(run) == 14);

            release.countDown();
            awaitLines("one", "two", "three");
            await().atMost(Duration.ofSeconds(30)).until(() -> lag(run) == 0);

            TestContainers.sh(c, "echo four >> " + LOG);
            awaitLines("one", "two", "three", "four");
            await().atMost(Duration.ofSeconds(30)).until(() -> run.fileSize() == 19 && lag(run) == 0);
        } finally {
            run.requestStop();
            reader.interrupt();
            reader.join(Duration.ofSeconds(30));
        }
    }

    private static long lag(StreamRun run) {
        return new StreamStatus(run.key(), StreamStatus.State.RUNNING, 1, null, 0, null, run.lines(), run.bytes(),
                run.lastPosition().orElse(null), run.fileSize()).lagBytes();
    }
}
