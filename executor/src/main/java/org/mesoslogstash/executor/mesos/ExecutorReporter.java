package org.mesoslogstash.executor.mesos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import com.google.protobuf.ByteString;

import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.logstash.PipelineStats;
import org.mesoslogstash.executor.stream.StreamStatus;
import org.mesoslogstash.mesos.executor.ExecutorClient;
import org.mesoslogstash.report.ExecutorReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the scheduler an {@link ExecutorReport} of a run when asked (every {@link #INTERVAL}). The
 * figures are gathered and sent on a thread of its own, because asking Logstash takes an HTTP call
 * and the executor's thread must stay free for the agent's events. Lines per second are the lines a
 * stream read between two reports, divided by the time between them.
 */
final class ExecutorReporter implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ExecutorReporter.class);

    private final ExecutorClient client;
    private final Clock clock;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("executor-report").factory());

    // Confined to the sender's thread.
    private Map<StreamKey, Long> previousLines = Map.of();
    private Instant previousAt;

    ExecutorReporter(ExecutorClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Reports {@code run} soon; a report still being sent is not waited for. */
    void report(CollectorRun run, long appliedVersion, String agentHost) {
        try {
            sender.execute(() -> {
                try {
                    client.message(ByteString.copyFrom(build(run.figures(), appliedVersion, agentHost, clock.instant()).toJson()));
                } catch (RuntimeException e) {
                    log.warn("could not send the report to the scheduler: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("report after close ignored");
        }
    }

    ExecutorReport build(CollectorRun.Figures figures, long appliedVersion, String agentHost, Instant now) {
        double seconds = previousAt == null ? 0 : Duration.between(previousAt, now).toMillis() / 1000.0;
        Map<StreamKey, Long> lines = new HashMap<>();
        List<ExecutorReport.Stream> streams = new ArrayList<>();
        for (StreamStatus status : figures.streams()) {
            lines.put(status.key(), status.lines());
            long before = previousLines.getOrDefault(status.key(), status.lines());
            double rate = seconds > 0 && status.lines() >= before ? (status.lines() - before) / seconds : 0;
            long offset = status.position() instanceof Position.InFile file ? file.offset() : -1;
            streams.add(new ExecutorReport.Stream(status.key().containerId(), status.key().source(), status.state().name(), offset,
                    status.lines(), status.bytes(), rate, status.lastFailure() == null ? null : status.lastFailure().reason(), status.lagBytes()));
        }
        previousLines = lines;
        previousAt = now;
        ExecutorReport.Delivery delivery = new ExecutorReport.Delivery(figures.delivery().published(), figures.delivery().acknowledged(),
                figures.delivery().unacknowledged(), figures.delivery().sinkFailures());
        ExecutorReport.Logstash logstash = null;
        if (figures.logstashStatus() != null) {
            List<ExecutorReport.Pipeline> pipelines = new ArrayList<>();
            for (PipelineStats stats : figures.pipelines().values()) {
                pipelines.add(new ExecutorReport.Pipeline(stats.id(), stats.eventsIn(), stats.eventsOut(), stats.queueEvents(), stats.queueBytes(),
                        stats.reloadFailures(), stats.lastError().orElse(null)));
            }
            logstash = new ExecutorReport.Logstash(figures.logstashStatus(), pipelines);
        }
        List<ExecutorReport.Container> containers = figures.containers().stream()
                .map(container -> new ExecutorReport.Container(container.id(), container.name(), container.image(), container.streams()))
                .toList();
        return new ExecutorReport(now, agentHost, appliedVersion, containers, streams, delivery, logstash);
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
