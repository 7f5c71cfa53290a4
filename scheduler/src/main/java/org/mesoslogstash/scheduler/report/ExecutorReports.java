package org.mesoslogstash.scheduler.report;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.mesoslogstash.report.ExecutorReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest report of every agent's executor, as it arrived in framework messages, with the time it
 * arrived: the only source of the per-stream and per-pipeline figures the scheduler shows. An agent
 * that is removed is forgotten; a report that is old says so by its time, never by a made-up number.
 */
public final class ExecutorReports {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorReports.class);

    /** A report and when the scheduler received it. */
    public record Received(String agentId, String executorId, Instant receivedAt, ExecutorReport report) {
    }

    private final Clock clock;
    private final Map<String, Received> byAgent = new ConcurrentHashMap<>();

    public ExecutorReports(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Takes a framework message from an executor; one that is no report is logged and dropped. */
    public void received(String agentId, String executorId, byte[] data) {
        ExecutorReport report;
        try {
            report = ExecutorReport.fromJson(data);
        } catch (IllegalArgumentException e) {
            LOG.warn("Message from executor {} on agent {} is no report; ignored: {}", executorId, agentId, e.getMessage());
            return;
        }
        byAgent.put(agentId, new Received(agentId, executorId, clock.instant(), report));
    }

    public void agentRemoved(String agentId) {
        byAgent.remove(agentId);
    }

    /** By agent id. */
    public SortedMap<String, Received> latest() {
        return new TreeMap<>(byAgent);
    }
}
