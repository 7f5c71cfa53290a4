package org.mesoslogstash.executor.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.executor.checkpoint.CheckpointWriter;
import org.mesoslogstash.executor.checkpoint.FileCheckpointStore;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.sink.Sink;
import org.mesoslogstash.executor.sink.SinkClosedException;
import org.mesoslogstash.retry.Backoff;

/**
 * At-least-once across crashes: a child JVM publishes numbered events of several streams through a
 * pipeline whose sink acknowledges slowly and whose checkpoints are real files; it is killed with
 * SIGKILL at random moments and restarted from its checkpoints, several times, then allowed to
 * finish. Every number must have been delivered, and each crash may cause at most
 * {@code window + maxUncheckpointedEvents} events to be delivered again: of what the killed run
 * delivered, at most that many lie beyond the checkpoints the next run starts from.
 *
 * <p>The test also prints how many numbers each run delivered that any earlier run had delivered.
 * That figure can exceed the bound when a run is killed before it catches up on all streams with
 * what the run before it had delivered: the next run then repeats the leftovers of two crashes.
 */
class DeliveryPipelineCrashIT {

    private static final int STREAMS = 4;
    private static final int PER_STREAM = 20_000;
    private static final int BATCH = 128;
    private static final int WINDOW = 512;
    private static final int MAX_UNCHECKPOINTED = 1024;
    private static final int KILL_ROUNDS = 6;

    @TempDir
    Path dir;

    @Test
    void everyEventIsDeliveredAndRedeliveryPerRestartIsBounded() throws Exception {
        Random random = new Random();
        BitSet[] everDelivered = new BitSet[STREAMS];
        for (int s = 0; s < STREAMS; s++) {
            everDelivered[s] = new BitSet(PER_STREAM);
        }
        long maxRedelivered = 0;
        long maxBeyondCheckpoint = 0;
        BitSet[] previous = null;
        for (int round = 1; round <= KILL_ROUNDS + 1; round++) {
            boolean last = round == KILL_ROUNDS + 1;
            Map<StreamKey, Position> checkpoints = new FileCheckpointStore(dir, Clock.systemUTC()).loadAll();
            long beyondCheckpoint = 0;
            if (previous != null) {
                for (int s = 0; s < STREAMS; s++) {
                    Position p = checkpoints.get(stream(s));
                    int resumeAt = p == null ? 0 : (int) ((Position.InFile) p).offset();
                    beyondCheckpoint += previous[s].get(resumeAt, PER_STREAM).cardinality();
                }
            }
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Child.class.getName(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BitSet[] delivered = new BitSet[STREAMS];
            for (int s = 0; s < STREAMS; s++) {
                delivered[s] = new BitSet(PER_STREAM);
            }
            AtomicLong count = new AtomicLong();
            AtomicBoolean complete = new AtomicBoolean();
            Thread reader = Thread.ofVirtual().start(() -> readDeliveries(child, delivered, count, complete));
            if (last) {
                assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("last round finishes").isTrue();
            } else {
                long killAfter = 1_000 + random.nextInt(8_000);
                while (count.get() < killAfter && child.isAlive()) {
                    Thread.sleep(1);
                }
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            reader.join();

            long redelivered = 0;
            for (int s = 0; s < STREAMS; s++) {
                BitSet again = (BitSet) delivered[s].clone();
                again.and(everDelivered[s]);
                redelivered += again.cardinality();
                everDelivered[s].or(delivered[s]);
            }
            previous = delivered;
            maxRedelivered = Math.max(maxRedelivered, redelivered);
            maxBeyondCheckpoint = Math.max(maxBeyondCheckpoint, beyondCheckpoint);
            System.out.printf("crash round %d: %s after %d deliveries; the last crash left %d delivered events beyond the checkpoints (bound %d);"
                            + " %d delivered again that any earlier run had delivered%n",
                    round, last ? "finished" : "killed", count.get(), beyondCheckpoint, WINDOW + MAX_UNCHECKPOINTED, redelivered);
            assertThat(beyondCheckpoint).as("round %d: redelivery caused by the last crash", round).isLessThanOrEqualTo(WINDOW + MAX_UNCHECKPOINTED);
            if (last) {
                assertThat(complete).as("child reported completion").isTrue();
            }
        }
        for (int s = 0; s < STREAMS; s++) {
            assertThat(everDelivered[s].nextClearBit(0)).as("first number never delivered of stream %d", s).isEqualTo(PER_STREAM);
        }
        System.out.printf("max redelivery caused by one crash: %d events (bound window + maxUncheckpointed = %d); max repeated in one run: %d%n",
                maxBeyondCheckpoint, WINDOW + MAX_UNCHECKPOINTED, maxRedelivered);
    }

    private static void readDeliveries(Process child, BitSet[] delivered, AtomicLong count, AtomicBoolean complete) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("complete")) {
                    complete.set(true);
                }
                if (!line.startsWith("d ")) {
                    continue;
                }
                String[] f = line.split(" ");
                if (f.length != 4) {
                    continue; // cut by the kill
                }
                int s = Integer.parseInt(f[1]);
                int from = Integer.parseInt(f[2]);
                int to = Integer.parseInt(f[3]);
                delivered[s].set(from, to + 1);
                count.addAndGet(to - from + 1);
            }
        } catch (IOException | NumberFormatException e) {
            // The child was killed mid-line; what was read before counts.
        }
    }

    static StreamKey stream(int s) {
        return StreamKey.file("crash-" + s, "/log");
    }

    /** The child: resumes every stream from its checkpoint and publishes up to PER_STREAM. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
            FileCheckpointStore store = new FileCheckpointStore(Path.of(args[0]), Clock.systemUTC());
            Map<StreamKey, Position> checkpoints = store.loadAll();
            CheckpointWriter writer = new CheckpointWriter(store, Thread.ofPlatform().name("checkpoint-writer").factory(), Backoff.DEFAULT, Clock.systemUTC());
            DeliveryPipeline pipeline = new DeliveryPipeline(new SlowSink(out), writer,
                    new DeliveryPipeline.Options(BATCH, Duration.ofMillis(5), WINDOW, MAX_UNCHECKPOINTED), Clock.systemUTC(),
                    Thread.ofPlatform().name("delivery-sender").factory());
            List<Thread> publishers = new ArrayList<>();
            for (int s = 0; s < STREAMS; s++) {
                StreamKey key = stream(s);
                long start = checkpoints.containsKey(key) ? ((Position.InFile) checkpoints.get(key)).offset() : 0;
                SourceMetadata meta = new SourceMetadata(key.containerId(), key.containerId(), "image", Map.of(), "host", null, null, null);
                publishers.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (long n = start; n < PER_STREAM; n++) {
                            pipeline.publish(new LogEvent(key, 1, meta, java.time.Instant.now(), Long.toString(n).getBytes(StandardCharsets.UTF_8),
                                    n, null, new Position.InFile(0, n + 1)));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread t : publishers) {
                t.join();
            }
            CloseSummary summary = pipeline.close(Duration.ofMinutes(1));
            out.println(summary.abandoned() == 0 && summary.checkpointsDurable() ? "complete" : "incomplete " + summary);
            out.flush();
        }
    }

    /** Receives a batch (prints what it got), waits a little, then acknowledges: a slow Logstash. */
    static final class SlowSink implements Sink {
        private record Pending(List<LogEvent> batch, CompletableFuture<Void> ack) {
        }

        private final PrintStream out;
        private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
        private final Thread acker;
        private volatile boolean closed;

        SlowSink(PrintStream out) {
            this.out = out;
            this.acker = Thread.ofPlatform().name("slow-sink").start(this::run);
        }

        @Override
        public CompletionStage<Void> publish(List<LogEvent> batch) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            queue.add(new Pending(batch, ack));
            return ack;
        }

        private void run() {
            try {
                while (!closed) {
                    Pending p = queue.poll(10, TimeUnit.MILLISECONDS);
                    if (p == null) {
                        continue;
                    }
                    received(p.batch());
                    Thread.sleep(2);
                    p.ack().complete(null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void received(List<LogEvent> batch) {
            // Print runs of consecutive numbers per stream, then flush: the parent's record of delivery.
            int i = 0;
            while (i < batch.size()) {
                LogEvent first = batch.get(i);
                int j = i;
                while (j + 1 < batch.size() && batch.get(j + 1).stream().equals(first.stream()) && batch.get(j + 1).offset() == batch.get(j).offset() + 1) {
                    j++;
                }
                String s = first.stream().containerId().substring("crash-".length());
                out.println("d " + s + " " + first.offset() + " " + batch.get(j).offset());
                i = j + 1;
            }
            out.flush();
        }

        @Override
        public void close() {
            closed = true;
            acker.interrupt();
            Pending p;
            while ((p = queue.poll()) != null) {
                p.ack().completeExceptionally(new SinkClosedException("slow-sink", p.batch().size()));
            }
        }
    }
}
