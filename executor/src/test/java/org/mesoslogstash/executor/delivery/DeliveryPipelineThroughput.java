package org.mesoslogstash.executor.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mesoslogstash.executor.checkpoint.CheckpointWriter;
import org.mesoslogstash.executor.checkpoint.FileCheckpointStore;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.sink.Sink;
import org.mesoslogstash.retry.Backoff;

/**
 * Benchmark, not a test: how many events per second the pipeline moves when the sink costs
 * nothing and checkpoints go to real files. 1,000,000 events over 10 streams, one virtual thread
 * per stream. Run: {@code java -cp <test classpath> org.mesoslogstash.executor.delivery.DeliveryPipelineThroughput [events] [rounds]}.
 */
public final class DeliveryPipelineThroughput {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int streams = 10;
        for (int round = 1; round <= rounds; round++) {
            run(round, events, streams);
        }
    }

    private static void run(int round, int events, int streams) throws Exception {
        Path dir = Files.createTempDirectory("throughput-checkpoints");
        FileCheckpointStore store = new FileCheckpointStore(dir, Clock.systemUTC());
        CheckpointWriter writer = new CheckpointWriter(store, Thread.ofPlatform().name("checkpoint-writer").factory(), Backoff.DEFAULT, Clock.systemUTC());
        Sink sink = new Sink() {
            @Override
            public CompletionStage<Void> publish(List<LogEvent> batch) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
        DeliveryPipeline pipeline = new DeliveryPipeline(sink, writer, DeliveryPipeline.Options.DEFAULTS, Clock.systemUTC(),
                Thread.ofPlatform().name("delivery-sender").factory());
        byte[] line = "2026-01-01T00:00:00Z INFO some typical log line of a typical service, about a hundred bytes long....".getBytes(StandardCharsets.UTF_8);
        int perStream = events / streams;
        List<Thread> publishers = new ArrayList<>();
        long start = System.nanoTime();
        for (int s = 0; s < streams; s++) {
            StreamKey key = StreamKey.file("container-" + s, "/var/log/app.log");
            SourceMetadata meta = new SourceMetadata(key.containerId(), "c" + s, "image", Map.of(), "host", null, null, null);
            publishers.add(Thread.ofVirtual().name("stream-" + s).start(() -> {
                try {
                    java.time.Instant now = java.time.Instant.now();
                    long offset = 0;
                    for (int i = 0; i < perStream; i++) {
                        long next = offset + line.length + 1;
                        pipeline.publish(new LogEvent(key, 1, meta, now, line, offset, null, new Position.InFile(1, next)));
                        offset = next;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : publishers) {
            t.join();
        }
        long published = System.nanoTime();
        CloseSummary summary = pipeline.close(Duration.ofSeconds(30));
        long closed = System.nanoTime();
        DeliveryMetrics m = pipeline.metrics();
        System.out.printf("round %d: %,d events over %d streams: publish %.0f ev/s (%.1f ms), to durable checkpoints %.0f ev/s (%.1f ms); batches %,d; acknowledged %,d; checkpoints durable %s%n",
                round, perStream * streams, streams,
                perStream * streams / ((published - start) / 1e9), (published - start) / 1e6,
                perStream * streams / ((closed - start) / 1e9), (closed - start) / 1e6,
                m.batches(), summary.acknowledged(), summary.checkpointsDurable());
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.delete(dir);
    }
}
