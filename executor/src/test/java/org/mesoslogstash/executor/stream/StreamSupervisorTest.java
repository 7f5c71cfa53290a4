package org.mesoslogstash.executor.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.stream.StreamFailure.Kind;
import org.mesoslogstash.executor.stream.StreamStatus.State;
import org.mesoslogstash.retry.Backoff;

class StreamSupervisorTest {

    private static final StreamKey FILE = StreamKey.file("c1", "/var/log/app.log");
    private static final StreamKey STDOUT = StreamKey.stdout("c1");
    private static final StreamKey OTHER = StreamKey.file("c2", "/var/log/app.log");
    private static final SourceMetadata SOURCE = new SourceMetadata("c1", "app", "img", Map.of(), "host", null, null, null);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** One step a fake reader takes on a run: publish lines, then fail, block until stopped, or end. */
    private record Step(int lines, StreamFailure failure) {
        static Step readUntilStopped(int lines) {
            return new Step(lines, null);
        }

        static Step fail(int lines, Kind kind, String reason) {
            return new Step(lines, new StreamFailure(kind, reason));
        }
    }

    /** A reader that follows a script of steps, one per run, and records the runs it was given. */
    private static final class ScriptedReader implements StreamReader {
        final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
        final List<StreamRun> runs = new CopyOnWriteArrayList<>();

        ScriptedReader then(Step step) {
            steps.add(step);
            return this;
        }

        @Override
        public void read(StreamRun run) throws StreamFailure, InterruptedException {
            runs.add(run);
            Step step = steps.take();
            run.markRunning();
            if (!run.key().isConsole()) {
                run.fileSizeSeen(20);
            }
            for (int i = 0; i < step.lines(); i++) {
                long offset = run.lastPosition().map(p -> ((Position.InFile) p).offset()).orElse(0L);
                run.published(new LogEvent(run.key(), run.generation(), run.source(), NOW, new byte[] {'x'}, offset, null,
                        new Position.InFile(7, offset + 2)));
            }
            if (step.failure() != null) {
                throw step.failure();
            }
            while (!run.stopRequested()) {
                Thread.sleep(Duration.ofMillis(5));
            }
        }
    }

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final ScriptedReader files = new ScriptedReader();
    private final ScriptedReader console = new ScriptedReader();
    private final StreamSupervisor supervisor = new StreamSupervisor(files, console, Clock.fixed(NOW, ZoneOffset.UTC),
            StreamSupervisorTest.this::sleep, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10)), Thread.ofVirtual().name("stream-", 0).factory());

    @AfterEach
    void closeSupervisor() throws InterruptedException {
        assertThat(supervisor.close(Duration.ofSeconds(10))).isTrue();
    }

    /** Records the wait; the longest one (the rare retry) lasts until the stream is stopped, so its state can be seen. */
    private void sleep(Duration delay) throws InterruptedException {
        sleeps.add(delay);
        if (delay.compareTo(Duration.ofSeconds(10)) >= 0) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private StreamStatus status(StreamKey key) {
        return supervisor.statuses().get(key);
    }

    @Test
    void runsAStreamAndReportsItsProgress() {
        files.then(Step.readUntilStopped(3));
        assertThat(supervisor.start(FILE, SOURCE, Optional.empty())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(FILE).lines() == 3);
        StreamStatus status = status(FILE);
        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.generation()).isEqualTo(1);
        assertThat(status.bytes()).isEqualTo(3);
        assertThat(status.position()).isEqualTo(new Position.InFile(7, 6));
        assertThat(status.lastFailure()).isNull();
    }

    @Test
    void aFileStreamLagsByTheBytesBetweenItsPositionAndTheSizeItsReaderLastSaw() {
        files.then(Step.readUntilStopped(3));
        supervisor.start(FILE, SOURCE, Optional.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> status(FILE).lines() == 3);
        assertThat(status(FILE).fileSize()).isEqualTo(20);
        assertThat(status(FILE).lagBytes()).isEqualTo(20 - 6);
    }

    @Test
    void aConsoleStreamHasNoLag() {
        console.then(Step.readUntilStopped(1));
        supervisor.start(STDOUT, SOURCE, Optional.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> status(STDOUT) != null && status(STDOUT).lines() == 1);
        assertThat(status(STDOUT).fileSize()).isEqualTo(-1);
        assertThat(status(STDOUT).lagBytes()).isEqualTo(-1);
    }

    @Test
    void theLagIsNeverNegativeAndCountsFromZeroWithoutAPosition() {
        StreamStatus truncated = new StreamStatus(FILE, State.RUNNING, 1, null, 0, null, 0, 0, new Position.InFile(7, 500), 100);
        StreamStatus fresh = new StreamStatus(FILE, State.STARTING, 1, null, 0, null, 0, 0, null, 100);
        StreamStatus unseen = new StreamStatus(FILE, State.STARTING, 1, null, 0, null, 0, 0, new Position.InFile(7, 500), -1);
        assertThat(truncated.lagBytes()).isZero();
        assertThat(fresh.lagBytes()).isEqualTo(100);
        assertThat(unseen.lagBytes()).isEqualTo(-1);
    }

    @Test
    void refusesToStartAStreamThatIsAlreadyRunning() {
        files.then(Step.readUntilStopped(0));
        assertThat(supervisor.start(FILE, SOURCE, Optional.empty())).isTrue();
        assertThat(supervisor.start(FILE, SOURCE, Optional.empty())).isFalse();
        assertThat(files.runs).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void sendsConsoleKeysToTheConsoleReader() {
        console.then(Step.readUntilStopped(1));
        supervisor.start(STDOUT, SOURCE, Optional.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> console.runs.size() == 1);
        assertThat(files.runs).isEmpty();
    }

    @Test
    void retriesWithBackoffFromWhereTheLastRunGotToWithTheNextGeneration() {
        files.then(Step.fail(0, Kind.FILE_MISSING, "no file"))
                .then(Step.fail(0, Kind.FILE_MISSING, "no file"))
                .then(Step.fail(2, Kind.DOCKER, "docker hiccup"))
                .then(Step.readUntilStopped(0));
        supervisor.start(FILE, SOURCE, Optional.of(new Position.InFile(7, 10)));
        await().atMost(Duration.ofSeconds(10)).until(() -> files.runs.size() == 4 && status(FILE).state() == State.RUNNING);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(100));
        assertThat(files.runs).extracting(StreamRun::generation).containsExactly(1L, 2L, 3L, 4L);
        assertThat(files.runs.get(2).resumeFrom()).contains(new Position.InFile(7, 10));
        assertThat(files.runs.get(3).resumeFrom()).contains(new Position.InFile(7, 14));
        StreamStatus status = status(FILE);
        assertThat(status.lastFailure().kind()).isEqualTo(Kind.DOCKER);
        assertThat(status.lastFailure().reason()).isEqualTo("docker hiccup");
        assertThat(status.retries()).isEqualTo(1);
    }

    @Test
    void retriesAContainerWithoutAShellOnlyRarelyAndShowsItFailed() {
        files.then(Step.fail(0, Kind.UNSUPPORTED_CONTAINER, "no sh in the container"));
        supervisor.start(FILE, SOURCE, Optional.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> status(FILE).state() == State.FAILED);
        StreamStatus status = status(FILE);
        assertThat(status.lastFailure().reason()).isEqualTo("no sh in the container");
        assertThat(status.nextRetry()).isEqualTo(NOW.plusSeconds(10));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void stopsForGoodWhenTheContainerIsGone() {
        files.then(Step.fail(1, Kind.CONTAINER_GONE, "container c1 is not running"));
        supervisor.start(FILE, SOURCE, Optional.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> status(FILE).state() == State.STOPPED);
        assertThat(status(FILE).lastFailure().kind()).isEqualTo(Kind.CONTAINER_GONE);
        assertThat(status(FILE).nextRetry()).isNull();
        assertThat(sleeps).isEmpty();
        assertThat(files.runs).hasSize(1);
    }

    @Test
    void aStoppedStreamCanBeStartedAgainWithTheNextGeneration() {
        files.then(Step.readUntilStopped(0)).then(Step.readUntilStopped(0));
        supervisor.start(FILE, SOURCE, Optional.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> status(FILE).state() == State.RUNNING);
        supervisor.stop(FILE);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(FILE).state() == State.STOPPED);
        assertThat(supervisor.start(FILE, SOURCE, Optional.empty())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(FILE).state() == State.RUNNING);
        assertThat(status(FILE).generation()).isEqualTo(2);
    }

    @Test
    void stopsAndForgetsTheStreamsOfOneContainerOnly() {
        files.then(Step.readUntilStopped(0)).then(Step.readUntilStopped(0));
        console.then(Step.readUntilStopped(0));
        supervisor.start(FILE, SOURCE, Optional.empty());
        supervisor.start(STDOUT, SOURCE, Optional.empty());
        supervisor.start(OTHER, SOURCE, Optional.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.statuses().values().stream().allMatch(s -> s.state() == State.RUNNING));

        supervisor.stopContainer("c1");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                status(FILE).state() == State.STOPPED && status(STDOUT).state() == State.STOPPED);
        assertThat(status(OTHER).state()).isEqualTo(State.RUNNING);

        supervisor.forgetContainer("c1");
        assertThat(supervisor.statuses()).containsOnlyKeys(OTHER);
    }

    @Test
    void closeStopsEveryStreamWithinTheDeadline() throws InterruptedException {
        files.then(Step.readUntilStopped(0)).then(Step.readUntilStopped(0));
        supervisor.start(FILE, SOURCE, Optional.empty());
        supervisor.start(OTHER, SOURCE, Optional.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> files.runs.size() == 2);
        assertThat(supervisor.close(Duration.ofSeconds(10))).isTrue();
        assertThat(supervisor.statuses().values()).allSatisfy(s -> assertThat(s.state()).isEqualTo(State.STOPPED));
    }
}
