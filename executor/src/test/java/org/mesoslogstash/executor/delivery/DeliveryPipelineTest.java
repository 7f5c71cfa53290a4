package org.mesoslogstash.executor.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.checkpoint.CheckpointWriter;
import org.mesoslogstash.executor.checkpoint.InMemoryCheckpointStore;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.retry.Backoff;

class DeliveryPipelineTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final StreamKey A = StreamKey.file("a", "/log");
    private static final StreamKey B = StreamKey.file("b", "/log");

    private final FakeSink sink = new FakeSink();
    private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    private DeliveryPipeline pipeline;

    private DeliveryPipeline pipeline(int batchSize, Duration linger, int window, int maxUncheckpointed) {
        CheckpointWriter writer = new CheckpointWriter(store, Thread.ofPlatform().name("test-ckpt").factory(),
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(10)), CLOCK);
        pipeline = new DeliveryPipeline(sink, writer, new DeliveryPipeline.Options(batchSize, linger, window, maxUncheckpointed),
                CLOCK, Thread.ofPlatform().name("test-sender").factory());
        return pipeline;
    }

    @AfterEach
    void close() throws InterruptedException {
        store.unblock();
        sink.autoAck();
        if (pipeline != null) {
            pipeline.close(Duration.ofSeconds(1));
        }
    }

    static LogEvent event(StreamKey stream, long generation, long n) {
        return event(stream, generation, n, null);
    }

    static LogEvent event(StreamKey stream, long generation, long n, LogEvent.Split split) {
        return new LogEvent(stream, generation, new SourceMetadata(stream.containerId(), "name", "image", Map.of(), "host", null, null, null),
                CLOCK.instant(), ("line " + n).getBytes(StandardCharsets.UTF_8), n, split, at(n + 1));
    }

    static Position at(long offset) {
        return new Position.InFile(1, offset);
    }

    @Test
    void checkpointMovesOnlyWhenTheSinkAcknowledges() throws Exception {
        pipeline(10, Duration.ofMillis(1), 100, 100);
        for (int i = 0; i < 3; i++) {
            pipeline.publish(event(A, 1, i));
        }
        await().atMost(WAIT).until(() -> sink.eventCount() == 3);
        assertThat(store.load(A)).isEmpty();

        sink.ack(0);
        await().atMost(WAIT).until(() -> store.load(A).isPresent());
        assertThat(store.load(A)).contains(at(3));
    }

    @Test
    void checkpointNeverPassesAnUnacknowledgedEvent() throws Exception {
        pipeline(1, Duration.ZERO, 100, 100);
        for (int i = 0; i < 3; i++) {
            pipeline.publish(event(A, 1, i));
        }
        await().atMost(WAIT).until(() -> sink.batchCount() == 3);
        sink.ack(2);
        sink.ack(1);
        await().atMost(WAIT).until(() -> pipeline.metrics().acknowledged() == 2);
        assertThat(store.history(A)).isEmpty();

        sink.ack(0);
        await().atMost(WAIT).until(() -> store.load(A).isPresent());
        assertThat(store.history(A)).containsExactly(at(3));
    }

    @Test
    void eachStreamCheckpointsItsOwnAcknowledgedPrefix() throws Exception {
        pipeline(2, Duration.ofHours(1), 100, 100);
        pipeline.publish(event(A, 1, 0));
        pipeline.publish(event(B, 1, 10));
        pipeline.publish(event(A, 1, 1));
        pipeline.publish(event(B, 1, 11));
        await().atMost(WAIT).until(() -> sink.batchCount() == 2);
        sink.ack(0);
        await().atMost(WAIT).until(() -> store.loadAll().size() == 2);
        assertThat(store.loadAll()).containsOnly(Map.entry(A, at(1)), Map.entry(B, at(11)));
    }

    @Test
    void partsOfASplitLineCheckpointOnlyAfterTheLastPart() throws Exception {
        pipeline(1, Duration.ZERO, 100, 100);
        pipeline.publish(event(A, 1, 0));
        pipeline.publish(event(A, 1, 1, new LogEvent.Split(0, false)));
        pipeline.publish(event(A, 1, 2, new LogEvent.Split(1, true)));
        await().atMost(WAIT).until(() -> sink.batchCount() == 3);
        sink.ack(0);
        sink.ack(1);
        await().atMost(WAIT).until(() -> pipeline.metrics().acknowledged() == 2);
        await().atMost(WAIT).until(() -> store.load(A).isPresent());
        assertThat(store.load(A)).contains(at(1));

        sink.ack(2);
        await().atMost(WAIT).until(() -> store.load(A).equals(java.util.Optional.of(at(3))));
        assertThat(store.history(A)).containsExactly(at(1), at(3));
    }

    @Test
    void publishBlocksWhenTheWindowIsFull() throws Exception {
        pipeline(2, Duration.ofHours(1), 4, 100);
        AtomicInteger taken = new AtomicInteger();
        Thread publisher = Thread.ofVirtual().start(() -> publishQuietly(A, 0, 10, taken));
        await().atMost(WAIT).until(() -> taken.get() == 4 && publisher.getState() == Thread.State.WAITING);
        assertThat(pipeline.metrics().unacknowledged()).isEqualTo(4);

        sink.ack(0);
        await().atMost(WAIT).until(() -> taken.get() == 6 && publisher.getState() == Thread.State.WAITING);
        sink.autoAck();
        publisher.join();
        assertThat(taken.get()).isEqualTo(10);
    }

    @Test
    void publishBlocksWhenCheckpointsFallBehindBoundingRedelivery() throws Exception {
        int window = 4;
        int maxUncheckpointed = 6;
        pipeline(2, Duration.ofHours(1), window, maxUncheckpointed);
        sink.autoAck();
        store.block();
        AtomicInteger taken = new AtomicInteger();
        Thread publisher = Thread.ofVirtual().start(() -> publishQuietly(A, 0, 100, taken));

        await().atMost(WAIT).until(() -> taken.get() == window + maxUncheckpointed
                && publisher.getState() == Thread.State.WAITING && pipeline.metrics().unacknowledged() == 0);
        DeliveryMetrics m = pipeline.metrics();
        assertThat(m.published()).isEqualTo(window + maxUncheckpointed);
        assertThat(m.uncheckpointed()).isEqualTo(window + maxUncheckpointed);
        assertThat(m.checkpointed()).isEmpty(); // everything taken is redelivered after a crash now: exactly the bound

        store.unblock();
        publisher.join();
        assertThat(taken.get()).isEqualTo(100);
        await().atMost(WAIT).until(() -> store.load(A).equals(java.util.Optional.of(at(100))));
    }

    @Test
    void acknowledgementOfAnOlderGenerationDoesNotMoveTheCheckpoint() throws Exception {
        pipeline(2, Duration.ofHours(1), 100, 100);
        pipeline.publish(event(A, 1, 100));
        pipeline.publish(event(A, 1, 200));
        pipeline.publish(event(A, 2, 4)); // the stream restarted from its checkpoint
        pipeline.publish(event(A, 2, 5));
        await().atMost(WAIT).until(() -> sink.batchCount() == 2);

        sink.ack(0);
        await().atMost(WAIT).until(() -> pipeline.metrics().acknowledged() == 2);
        sink.ack(1);
        await().atMost(WAIT).until(() -> store.load(A).isPresent());
        assertThat(store.history(A)).containsExactly(at(6));
    }

    @Test
    void eventsOfAnOlderGenerationPublishedLateNeverCheckpoint() throws Exception {
        pipeline(1, Duration.ZERO, 100, 100);
        pipeline.publish(event(A, 2, 4));
        pipeline.publish(event(A, 1, 900));
        sink.autoAck();
        await().atMost(WAIT).until(() -> pipeline.metrics().acknowledged() == 2);
        pipeline.publish(event(A, 2, 5));
        await().atMost(WAIT).until(() -> store.load(A).equals(java.util.Optional.of(at(6))));
        assertThat(store.history(A)).doesNotContain(at(901));
    }

    @Test
    void forgetRemovesTheCheckpointOnceInFlightEventsAreSettled() throws Exception {
        pipeline(1, Duration.ZERO, 100, 100);
        pipeline.publish(event(A, 1, 0));
        await().atMost(WAIT).until(() -> sink.batchCount() == 1);
        sink.ack(0);
        await().atMost(WAIT).until(() -> store.load(A).isPresent());
        pipeline.publish(event(A, 1, 1));
        await().atMost(WAIT).until(() -> sink.batchCount() == 2);

        pipeline.forget(A);
        assertThat(store.load(A)).contains(at(1));
        sink.ack(1);
        await().atMost(WAIT).until(() -> store.load(A).isEmpty());
        assertThat(store.history(A)).containsExactly(at(1), null);
    }

    @Test
    void forgetOfAnIdleStreamRemovesItsCheckpointAtOnce() throws Exception {
        store.save(B, at(7));
        pipeline(1, Duration.ZERO, 100, 100);
        pipeline.forget(B);
        await().atMost(WAIT).until(() -> store.load(B).isEmpty());
    }

    @Test
    void lingerSendsAPartialBatch() throws Exception {
        pipeline(1000, Duration.ofMillis(20), 2000, 100);
        pipeline.publish(event(A, 1, 0));
        await().atMost(WAIT).until(() -> sink.batchCount() == 1);
        assertThat(sink.batch(0)).hasSize(1);
    }

    @Test
    void fullBatchesAreSentWithoutWaitingForTheLinger() throws Exception {
        pipeline(3, Duration.ofHours(1), 100, 100);
        for (int i = 0; i < 6; i++) {
            pipeline.publish(event(A, 1, i));
        }
        await().atMost(WAIT).until(() -> sink.batchCount() == 2);
        assertThat(sink.batch(1)).extracting(LogEvent::offset).containsExactly(3L, 4L, 5L);
    }

    @Test
    void closeWaitsForAcknowledgementsThenWritesCheckpoints() throws Exception {
        pipeline(10, Duration.ofHours(1), 100, 100);
        pipeline.publish(event(A, 1, 0));
        pipeline.publish(event(A, 1, 1));
        AtomicReference<CloseSummary> summary = new AtomicReference<>();
        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                summary.set(pipeline.close(WAIT));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(WAIT).until(() -> sink.batchCount() == 1); // close sends what was taken, without the linger
        sink.ack(0);
        closer.join();
        assertThat(summary.get().acknowledged()).isEqualTo(2);
        assertThat(summary.get().abandoned()).isZero();
        assertThat(summary.get().checkpointsDurable()).isTrue();
        assertThat(store.load(A)).contains(at(2));
        assertThat(sink.closed()).isTrue();
    }

    @Test
    void closeAtTheDeadlineAbandonsUnacknowledgedEventsWithoutCheckpointingThem() throws Exception {
        pipeline(1, Duration.ZERO, 100, 100);
        pipeline.publish(event(A, 1, 0));
        pipeline.publish(event(A, 1, 1));
        await().atMost(WAIT).until(() -> sink.batchCount() == 2);
        sink.ack(0);
        await().atMost(WAIT).until(() -> pipeline.metrics().acknowledged() == 1);

        CloseSummary summary = pipeline.close(Duration.ofMillis(50));
        assertThat(summary.acknowledged()).isEqualTo(1);
        assertThat(summary.abandoned()).isEqualTo(1);
        assertThat(summary.checkpoints()).containsOnly(Map.entry(A, at(1)));
        assertThat(store.load(A)).contains(at(1));
        assertThat(sink.closed()).isTrue();
    }

    @Test
    void publishAfterCloseIsRefused() throws Exception {
        pipeline(1, Duration.ZERO, 100, 100);
        pipeline.close(Duration.ofSeconds(1));
        assertThatThrownBy(() -> pipeline.publish(event(A, 1, 0))).isInstanceOf(PipelineClosedException.class);
    }

    @Test
    void publisherBlockedOnAFullWindowIsReleasedByClose() throws Exception {
        pipeline(1, Duration.ZERO, 1, 0);
        pipeline.publish(event(A, 1, 0));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread blocked = Thread.ofVirtual().start(() -> {
            try {
                pipeline.publish(event(A, 1, 1));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        await().atMost(WAIT).until(() -> blocked.getState() == Thread.State.WAITING);
        pipeline.close(Duration.ofMillis(10));
        blocked.join();
        assertThat(thrown.get()).isInstanceOf(PipelineClosedException.class);
    }

    @Test
    void aBatchFailedByTheSinkIsCountedAndNotCheckpointed() throws Exception {
        pipeline(1, Duration.ZERO, 100, 100);
        pipeline.publish(event(A, 1, 0));
        await().atMost(WAIT).until(() -> sink.batchCount() == 1);
        sink.close(); // closed under the pipeline
        await().atMost(WAIT).until(() -> pipeline.metrics().sinkFailures() == 1);
        pipeline.publish(event(A, 1, 1));
        await().atMost(WAIT).until(() -> pipeline.metrics().sinkFailures() == 2);
        assertThat(pipeline.metrics().unacknowledged()).isZero();
        assertThat(store.history(A)).isEmpty();
    }

    @Test
    void metricsCountWhatWentThrough() throws Exception {
        pipeline(2, Duration.ofHours(1), 100, 100);
        sink.autoAck();
        for (int i = 0; i < 4; i++) {
            pipeline.publish(event(A, 1, i));
        }
        await().atMost(WAIT).until(() -> pipeline.metrics().checkpointed().equals(Map.of(A, at(4))));
        DeliveryMetrics m = pipeline.metrics();
        assertThat(m.published()).isEqualTo(4);
        assertThat(m.acknowledged()).isEqualTo(4);
        assertThat(m.bytes()).isEqualTo(4 * "line 0".length());
        assertThat(m.batches()).isEqualTo(2);
        assertThat(m.unacknowledged()).isZero();
        assertThat(m.uncheckpointed()).isZero();
        assertThat(m.sinkFailures()).isZero();
    }

    @Test
    void manyPublishersKeepEachStreamsCheckpointsMonotonic() throws Exception {
        pipeline(64, Duration.ofMillis(1), 512, 1024);
        int streams = 8;
        int perStream = 5000;
        Random random = new Random(42);
        Thread ackLoop = Thread.ofPlatform().start(() -> {
            // Acknowledges in order, whatever batches have arrived, from a thread of its own.
            int next = 0;
            while (pipelineAcked() < streams * perStream) {
                int count = sink.batchCount();
                int upTo = next + random.nextInt(Math.max(1, count - next + 1));
                for (; next < Math.min(upTo, count); next++) {
                    sink.ack(next);
                }
                Thread.yield();
            }
        });
        List<Thread> publishers = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            StreamKey key = StreamKey.file("c" + s, "/log");
            publishers.add(Thread.ofVirtual().start(() -> publishQuietly(key, 0, perStream, new AtomicInteger())));
        }
        for (Thread t : publishers) {
            t.join();
        }
        ackLoop.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(pipeline.close(WAIT).checkpointsDurable()).isTrue();
        for (int s = 0; s < streams; s++) {
            StreamKey key = StreamKey.file("c" + s, "/log");
            List<Long> offsets = store.history(key).stream().map(p -> ((Position.InFile) p).offset()).toList();
            assertThat(offsets).as("checkpoints of %s", key).isSorted().doesNotHaveDuplicates().last().isEqualTo((long) perStream);
        }
    }

    private int pipelineAcked() {
        return (int) pipeline.metrics().acknowledged();
    }

    private void publishQuietly(StreamKey stream, int from, int to, AtomicInteger taken) {
        try {
            for (int i = from; i < to; i++) {
                pipeline.publish(event(stream, 1, i));
                taken.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
