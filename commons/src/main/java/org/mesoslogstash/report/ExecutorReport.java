package org.mesoslogstash.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an executor tells the scheduler about its agent, every few seconds, as a framework message:
 * the containers its discovery sees, its streams with their figures, its delivery, and its Logstash with each pipeline's figures. The
 * scheduler shows exactly this, so every number an operator sees was measured by an executor.
 * Serialised as JSON (a framework message is bytes; JSON keeps the scheduler's API a pass-through).
 *
 * @param at             when the executor took the figures
 * @param agentHost      the agent's host name
 * @param appliedVersion the configuration version the executor runs (0 before it runs one)
 * @param containers     the running containers discovery sees, matched by a rule or not (empty from
 *                       an executor older than this field)
 * @param streams        every stream the collector knows, running or not
 * @param delivery       totals of the delivery pipeline since the collector started
 * @param logstash       the executor's own Logstash, or null when its sink is another
 */
public record ExecutorReport(Instant at, String agentHost, long appliedVersion, List<Container> containers, List<Stream> streams, Delivery delivery, Logstash logstash) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ExecutorReport {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(agentHost, "agentHost");
        // An executor from before the field sends none: that says nothing, not "no containers".
        containers = containers == null ? List.of() : List.copyOf(containers);
        streams = List.copyOf(streams);
        Objects.requireNonNull(delivery, "delivery");
    }

    /**
     * One running container that discovery sees.
     *
     * @param id      the full container id
     * @param name    the container name, without Docker's leading slash
     * @param image   the image as the container was created with
     * @param streams how many streams the rules in force collect from it; 0 when it matches no rule
     */
    public record Container(String id, String name, String image, int streams) {
    }

    /**
     * One stream: a file inside a container, or its stdout or stderr.
     *
     * @param source         an absolute path inside the container, "stdout" or "stderr"
     * @param state          STARTING, RUNNING, RETRYING, FAILED or STOPPED
     * @param offset         the byte offset it would resume at (files), or -1
     * @param lines          lines read by its current run
     * @param bytes          bytes of those lines
     * @param linesPerSecond lines read per second since the previous report (0 in the first)
     * @param lastError      why it last failed, or null
     * @param lagBytes       bytes of the file not read yet (its size as last seen minus {@code offset},
     *                       never negative); -1 when unknown, for stdout/stderr, and in a report from
     *                       an executor older than this field
     */
    public record Stream(String containerId, String source, String state, long offset, long lines, long bytes, double linesPerSecond,
            String lastError, long lagBytes) {

        /** Reads the JSON form, where a report from an older executor has no {@code lagBytes}: unknown, not 0. */
        @JsonCreator
        static Stream fromJson(@JsonProperty("containerId") String containerId, @JsonProperty("source") String source,
                @JsonProperty("state") String state, @JsonProperty("offset") long offset, @JsonProperty("lines") long lines,
                @JsonProperty("bytes") long bytes, @JsonProperty("linesPerSecond") double linesPerSecond,
                @JsonProperty("lastError") String lastError, @JsonProperty("lagBytes") Long lagBytes) {
            return new Stream(containerId, source, state, offset, lines, bytes, linesPerSecond, lastError, lagBytes == null ? -1 : lagBytes);
        }
    }

    /**
     * @param published      events handed to the sink
     * @param acknowledged   events the sink acknowledged
     * @param unacknowledged events sent and not yet acknowledged now
     * @param sinkFailures   failed attempts to send (each retried)
     */
    public record Delivery(long published, long acknowledged, long unacknowledged, long sinkFailures) {
    }

    /** @param status what Logstash is doing, in words ("Ready[pipelines=[...]]", "Restarting[...]"...) */
    public record Logstash(String status, List<Pipeline> pipelines) {
        public Logstash {
            pipelines = List.copyOf(pipelines);
        }
    }

    /** One pipeline's figures, as Logstash's monitoring API gives them. */
    public record Pipeline(String id, long eventsIn, long eventsOut, long queueEvents, long queueBytes, long reloadFailures, String lastError) {
    }

    public byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }

    /** @throws IllegalArgumentException naming what is wrong when the bytes are no report */
    public static ExecutorReport fromJson(byte[] json) {
        try {
            return JSON.readValue(json, ExecutorReport.class);
        } catch (JacksonException | NullPointerException e) {
            throw new IllegalArgumentException("not an executor report (" + json.length + " bytes): " + e.getMessage(), e);
        }
    }
}
