package org.mesoslogstash.executor.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.retry.Backoff;

class CheckpointWriterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final StreamKey A = StreamKey.stdout("a");
    private static final StreamKey B = StreamKey.stdout("b");

    private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final CheckpointWriter writer = new CheckpointWriter(store, Thread.ofPlatform().name("test-ckpt-writer").factory(),
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(4)), d -> {
                sleeps.add(d);
                Thread.sleep(d);
            }, CLOCK);

    @AfterEach
    void closeWriter() throws InterruptedException {
        store.unblock();
        writer.close(Duration.ofSeconds(5));
    }

    private static Position at(long offset) {
        return new Position.InFile(1, offset);
    }

    @Test
    void flushMakesSubmittedPositionsDurable() throws Exception {
        writer.submit(A, at(10));
        writer.submit(B, at(20));
        writer.flush();
        assertThat(store.loadAll()).containsOnly(Map.entry(A, at(10)), Map.entry(B, at(20)));
        assertThat(writer.durablePositions()).containsOnly(Map.entry(A, at(10)), Map.entry(B, at(20)));
    }

    @Test
    void onlyTheLatestPositionPerStreamIsWrittenWhileTheDiskIsBusy() throws Exception {
        store.block();
        writer.submit(A, at(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.blockedWrites() == 1);
        for (int i = 1; i <= 100; i++) {
            writer.submit(A, at(i));
        }
        store.unblock();
        writer.flush();
        assertThat(store.history(A)).containsExactly(at(0), at(100));
    }

    @Test
    void failedWritesAreRetriedReportedAndKeepThePositions() throws Exception {
        store.failNext(Integer.MAX_VALUE);
        long ticket = writer.submit(A, at(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.status().consecutiveFailures() >= 3);
        assertThat(writer.lastError()).get().extracting(Throwable::getMessage).asString().contains("No space left");
        assertThat(writer.status().pendingStreams()).isEqualTo(1);
        store.failNext(0);
        writer.flush();
        assertThat(store.load(A)).contains(at(5));
        assertThat(sleeps).hasSizeGreaterThanOrEqualTo(3).startsWith(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(4));
        assertThat(writer.status().state()).isEqualTo(CheckpointWriter.State.RUNNING);
        assertThat(writer.lastError()).isEmpty();
        assertThat(writer.durableTicket()).isGreaterThanOrEqualTo(ticket);
    }

    @Test
    void stuckDiskShowsAsRetryingAndFlushTimesOut() throws Exception {
        store.failNext(Integer.MAX_VALUE);
        writer.submit(A, at(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.status().state() == CheckpointWriter.State.RETRYING);
        assertThat(writer.flush(Duration.ofMillis(20))).isFalse();
        assertThat(writer.status().pendingStreams()).isEqualTo(1);
        store.failNext(0);
        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(store.load(A)).contains(at(5));
    }

    @Test
    void newerSubmissionWinsOverARetriedOne() throws Exception {
        store.failNext(Integer.MAX_VALUE);
        writer.submit(A, at(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.status().consecutiveFailures() >= 2);
        writer.submit(A, at(6));
        store.failNext(0);
        writer.flush();
        assertThat(store.load(A)).contains(at(6));
    }

    @Test
    void removeIsOrderedAfterEarlierSubmits() throws Exception {
        writer.submit(A, at(5));
        writer.remove(A);
        writer.submit(B, at(1));
        writer.flush();
        assertThat(store.load(A)).isEmpty();
        assertThat(writer.durablePositions()).containsOnlyKeys(B);

        writer.submit(A, at(7));
        writer.flush();
        assertThat(store.load(A)).contains(at(7));
    }

    @Test
    void listenersHearTheDurableTicket() throws Exception {
        List<Long> heard = new CopyOnWriteArrayList<>();
        writer.onDurable(heard::add);
        long ticket = writer.submit(A, at(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains(ticket));
        assertThat(heard).isSorted();
    }

    @Test
    void closeWritesWhatIsPendingAndRefusesMore() throws Exception {
        writer.submit(A, at(3));
        assertThat(writer.close(Duration.ofSeconds(5))).isTrue();
        assertThat(store.load(A)).contains(at(3));
        assertThat(writer.status().state()).isEqualTo(CheckpointWriter.State.CLOSED);
        assertThatThrownBy(() -> writer.submit(A, at(4))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeGivesUpAtTheDeadlineOnAFailingDisk() throws Exception {
        store.failNext(Integer.MAX_VALUE);
        writer.submit(A, at(3));
        assertThat(writer.close(Duration.ofMillis(50))).isFalse();
        assertThat(store.load(A)).isEmpty();
    }
}
