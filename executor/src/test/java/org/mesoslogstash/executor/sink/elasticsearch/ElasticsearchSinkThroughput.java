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
}
