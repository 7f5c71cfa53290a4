package org.mesoslogstash.executor.sink.beats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.Routing;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.sink.EventJson;
import org.mesoslogstash.executor.testsupport.BeatsReceiver;
import org.mesoslogstash.executor.testsupport.TestEvents;
import org.mesoslogstash.retry.Sleeper;

/**
 * Throughput of {@link BeatsSink} into a counting {@link BeatsReceiver} on the same machine: events
 * of 100 bytes in batches of 2048 (Filebeat's bulk_max_size), for compression levels 0, 1 and 3.
 * Prints events/s, MB/s of log lines and MB/s of JSON documents. A benchmark, not a test.
 *
 * <p>Arguments: [events (default 1000000)] [publisher threads (default 1)] [routed: events carry a
 * routing, as under Mesos, so {@code @metadata} holds it (default: no routing)].
 */
public final class BeatsSinkThroughput {

    private static final int LINE_BYTES = 100;
    private static final int BATCH = 2048;

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        boolean routed = args.length > 2 && args[2].equals("routed");
        List<LogEvent> pool = events(BATCH * 8, routed ? new Routing(List.of("nginx"), List.of("nginx-access")) : Routing.NONE);
        System.out.printf("%d events of %d bytes, batches of %d, %d publisher thread(s), %d cores, %s%n",
                events, LINE_BYTES, BATCH, threads, Runtime.getRuntime().availableProcessors(), routed ? "routed" : "without routing");
        for (int level : new int[] {0, 1, 3}) {
            run(level, Math.min(events, 200_000), threads, pool, false); // warm-up
            run(level, events, threads, pool, true);
        }
    }

    private static void run(int level, int events, int threads, List<LogEvent> pool, boolean print) throws Exception {
        try (BeatsReceiver receiver = BeatsReceiver.countingOnly()) {
            BeatsSinkOptions options = BeatsSinkOptions.defaults("localhost", receiver.port())
                    .withCompressionLevel(level)
                    .withMaxBatchesInFlight(Math.max(2, threads * 2));
            BeatsSink sink = BeatsSink.start(options, EventJson.forBeats(), InstantSource.system(), Sleeper.REAL);
            int batches = events / BATCH;
            long start = System.nanoTime();
            long processCpuStart = processCpuNanos();
            java.util.concurrent.atomic.AtomicLong publisherCpu = new java.util.concurrent.atomic.AtomicLong();
            List<Thread> publishers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                publishers.add(Thread.ofPlatform().start(() -> {
                    CompletionStage<Void> last = null;
                    for (int b = first; b < batches; b += threads) {
                        int from = (b % 8) * BATCH;
                        last = sink.publish(pool.subList(from, from + BATCH));
                    }
                    publisherCpu.addAndGet(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                    if (last != null) {
                        last.toCompletableFuture().join();
                    }
                }));
            }
            for (Thread publisher : publishers) {
                publisher.join();
            }
            while (receiver.eventCount() < (long) batches * BATCH) {
                Thread.onSpinWait();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double processCpuSeconds = (processCpuNanos() - processCpuStart) / 1e9;
            long delivered = receiver.eventCount();
            sink.close();
            if (print) {
                System.out.printf("level %d: %,.0f events/s, %.1f MB/s of lines, %.1f MB/s of JSON (%d bytes/doc), %.2f s%n",
                        level, delivered / seconds, delivered * (double) LINE_BYTES / seconds / 1e6,
                        receiver.payloadBytes() / seconds / 1e6, receiver.payloadBytes() / delivered, seconds);
                // Less dependent on how busy the machine is: CPU per event on the publishing threads (JSON
                // encoding; compression runs on the sink's own threads), and the whole process's CPU
                // (sink, compression and the receiver's reading and inflating).
                System.out.printf("         publisher CPU %.2f us/event (= %,.0f events/s per core); process CPU %.2f us/event, %.2f s in %.2f s wall%n",
                        publisherCpu.get() / 1e3 / delivered, delivered / (publisherCpu.get() / 1e9),
                        processCpuSeconds * 1e6 / delivered, processCpuSeconds, seconds);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static List<LogEvent> events(int count, Routing routing) {
        List<LogEvent> events = new ArrayList<>(count);
        StreamKey stream = StreamKey.file(TestEvents.CONTAINER_ID, "/var/log/app/access.log");
        Instant now = Instant.parse("2026-01-02T03:04:05.123Z");
        long offset = 0;
        for (int i = 0; i < count; i++) {
            String text = String.format("%08d 127.0.0.1 - - \"GET /api/v1/items?page=%d HTTP/1.1\" 200 5123 \"-\" \"curl/8.5\" rt=0.012", i, i % 97);
            byte[] line = text.substring(0, Math.min(text.length(), LINE_BYTES)).getBytes(StandardCharsets.UTF_8);
            line = java.util.Arrays.copyOf(line, LINE_BYTES);
            java.util.Arrays.fill(line, Math.min(text.length(), LINE_BYTES), LINE_BYTES, (byte) 'x');
            events.add(new LogEvent(stream, 1, TestEvents.METADATA, now.plusNanos(i * 1000L), line, offset, null,
                    new Position.InFile(99, offset + LINE_BYTES + 1), routing));
            offset += LINE_BYTES + 1;
        }
        return events;
    }

    private BeatsSinkThroughput() {
    }
}
