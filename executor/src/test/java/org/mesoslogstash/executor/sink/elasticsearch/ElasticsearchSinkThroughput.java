package org.mesoslogstash.executor.sink.elasticsearch;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.testsupport.TestEvents;
import org.mesoslogstash.retry.Sleeper;

/**
 * Throughput of {@link ElasticsearchSink} into a running Elasticsearch or OpenSearch node: events
 * of about 600-byte documents in batches of 2048 (the collector's), into a fresh index per round.
 * Prints events/s and the sink's counters. A benchmark, not a test; ElasticsearchSinkIT prints the
 * same figure against its own node.
 *
 * <p>Arguments: node URL (e.g. http://127.0.0.1:9200), [events per round (default 100000)],
 * [rounds (default 3)], [concurrent requests (default 2)], [maxBulkBytes (default 5 MiB)].
 */
public final class ElasticsearchSinkThroughput {

    private static final int BATCH = 2048;

    public static void main(String[] args) throws Exception {
        URI node = URI.create(args[0]);
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int concurrent = args.length > 3 ? Integer.parseInt(args[3]) : ElasticsearchSinkOptions.DEFAULT_MAX_CONCURRENT_REQUESTS;
        int bulkBytes = args.length > 4 ? Integer.parseInt(args[4]) : ElasticsearchSinkOptions.DEFAULT_MAX_BULK_BYTES;
        List<LogEvent> all = TestEvents.numbered("bench", events);
        System.out.printf("%d events per round, batches of %d, %d concurrent requests of at most %d bytes, %d cores%n",
                events, BATCH, concurrent, bulkBytes, Runtime.getRuntime().availableProcessors());
        encodingOnly(all);
        for (int round = 1; round <= rounds; round++) {
            String index = "mlt-throughput-" + System.currentTimeMillis();
            ElasticsearchSinkOptions options = ElasticsearchSinkOptions.defaults(List.of(node), IndexPattern.parse(index))
                    .withMaxConcurrentRequests(concurrent).withMaxBulkBytes(bulkBytes);
            try (ElasticsearchSink sink = ElasticsearchSink.start(options, Sleeper.REAL, Clock.systemUTC())) {
                long start = System.nanoTime();
                List<CompletableFuture<Void>> stages = new ArrayList<>();
                for (int i = 0; i < events; i += BATCH) {
                    stages.add(sink.publish(all.subList(i, Math.min(events, i + BATCH))).toCompletableFuture());
                }
                CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get();
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("round %d: %.0f events/s (%.1f s) %s%n", round, events / seconds, seconds, sink.metrics());
            }
        }
    }

    /** What the sink's own work costs: encoding batches into bulk bodies (ids, index names, documents). */
    private static void encodingOnly(List<LogEvent> all) {
        IndexPattern pattern = IndexPattern.parse("mlt-%{[container][name]}-%{+yyyy.MM.dd}");
        org.mesoslogstash.executor.sink.EventJson json = org.mesoslogstash.executor.sink.EventJson.forJsonLines();
        DocumentIds ids = new DocumentIds();
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up
            long start = System.nanoTime();
            long bytes = 0;
            int batches = 0;
            for (int i = 0; i + BATCH <= all.size(); i += BATCH) {
                BulkItems items = BulkItems.encode(all.subList(i, i + BATCH), pattern, json, ids);
                bytes += items.body(new int[] {0}).length();
                batches++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (pass == 1) {
                System.out.printf("encoding alone: %.0f events/s, %.2f ms per %d-event batch (%d bytes of the first item)%n",
                        batches * BATCH / seconds, seconds * 1000 / batches, BATCH, bytes / batches);
            }
        }
    }
}
