package org.mesoslogstash.executor.logstash;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON of Logstash's node info and node stats APIs, as documented for Logstash 7 and 8:
 * {@code {"pipelines": {"<id>": {...}}}}. The persistent queue's figures are read from the 7/8
 * shape ({@code events_count}, {@code queue_size_in_bytes}) and, failing that, from the 6 shape
 * ({@code events}, {@code capacity.queue_size_in_bytes}); {@code reloads.last_error} is null, a
 * string or an object with a {@code message}.
 */
final class LogstashApiJson {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private LogstashApiJson() {
    }

    /** The pipelines of {@code GET /_node/pipelines}, id to ephemeral id. */
    static SortedMap<String, String> runningPipelines(String body) {
        SortedMap<String, String> running = new TreeMap<>();
        for (Map.Entry<String, JsonNode> pipeline : pipelines(body).properties()) {
            running.put(pipeline.getKey(), text(pipeline.getValue().path("ephemeral_id")).orElse(""));
        }
        return running;
    }

    /** The pipelines of {@code GET /_node/stats/pipelines}, by id. */
    static SortedMap<String, PipelineStats> pipelineStats(String body) {
        SortedMap<String, PipelineStats> stats = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : pipelines(body).properties()) {
            JsonNode p = entry.getValue();
            JsonNode events = p.path("events");
            JsonNode queue = p.path("queue");
            JsonNode reloads = p.path("reloads");
            long queueEvents = queue.has("events_count") ? queue.path("events_count").asLong(0) : queue.path("events").asLong(0);
            long queueBytes = queue.has("queue_size_in_bytes") ? queue.path("queue_size_in_bytes").asLong(0)
                    : queue.path("capacity").path("queue_size_in_bytes").asLong(0);
            stats.put(entry.getKey(), new PipelineStats(entry.getKey(), text(p.path("ephemeral_id")).orElse(""),
                    events.path("in").asLong(0), events.path("filtered").asLong(0), events.path("out").asLong(0),
                    text(queue.path("type")).orElse("memory"), queueEvents, queueBytes,
                    reloads.path("successes").asLong(0), reloads.path("failures").asLong(0),
                    lastError(reloads.path("last_error"))));
        }
        return stats;
    }

    private static JsonNode pipelines(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode pipelines = root.path("pipelines");
        if (!pipelines.isObject()) {
            throw new IllegalArgumentException("no \"pipelines\" object in " + abbreviate(body));
        }
        return pipelines;
    }

    private static Optional<String> lastError(JsonNode error) {
        if (error.isString()) {
            return Optional.of(error.asString());
        }
        return text(error.path("message"));
    }

    private static Optional<String> text(JsonNode node) {
        return node.isString() && !node.asString().isEmpty() ? Optional.of(node.asString()) : Optional.empty();
    }

    static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
