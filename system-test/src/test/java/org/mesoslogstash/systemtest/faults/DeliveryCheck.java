package org.mesoslogstash.systemtest.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Compares what containers wrote with what one agent's executor stored in OpenSearch, line by line:
 * each written line must be there exactly once (same container, same file or console stream, same
 * text), a file line at the byte offset it was written at, with its metadata (container id, name and
 * image, the agent's host name, the Mesos task id). A pure function over the documents, so that it is
 * tested on its own ({@code DeliveryCheckTest}); it counts rather than stops at the first problem.
 */
final class DeliveryCheck {

    /** What a container is, as its documents must say. */
    record ContainerFacts(String id, String name, String image, String mesosTaskId) {
    }

    /** One line a container wrote: its stream ({@code stdout}, {@code stderr} or the file's path), text and byte offset (-1 for the console). */
    record WrittenLine(String containerId, String source, String message, long offset) {
    }

    /**
     * The comparison's counts: {@code written} lines, {@code delivered} of them found at least once,
     * {@code lost} not found, {@code duplicated} extra copies, {@code misplaced} file lines whose stored
     * offset is not where they were written, {@code wrongMetadata} documents whose metadata is wrong,
     * {@code unexpected} documents of no written line; and a few examples of each problem.
     */
    record Outcome(long written, long delivered, long lost, long duplicated, long misplaced, long wrongMetadata, long unexpected,
            List<String> examples) {

        static final Outcome NONE = new Outcome(0, 0, 0, 0, 0, 0, 0, List.of());

        boolean complete() {
            return lost == 0;
        }

        boolean clean() {
            return lost == 0 && duplicated == 0 && misplaced == 0 && wrongMetadata == 0 && unexpected == 0;
        }

        Outcome plus(Outcome other) {
            List<String> all = new ArrayList<>(examples);
            all.addAll(other.examples);
            return new Outcome(written + other.written, delivered + other.delivered, lost + other.lost, duplicated + other.duplicated,
                    misplaced + other.misplaced, wrongMetadata + other.wrongMetadata, unexpected + other.unexpected,
                    List.copyOf(all.subList(0, Math.min(all.size(), 10))));
        }
    }

    private static final int EXAMPLES = 5;

    private DeliveryCheck() {
    }

    /** Checks the hits ({@code _id}, {@code _source}) of the agent whose host name is {@code agentHost}. */
    static Outcome check(List<WrittenLine> written, Map<String, ContainerFacts> containers, String agentHost, List<JsonNode> hits) {
        Map<Key, List<JsonNode>> stored = new HashMap<>();
        List<String> examples = new ArrayList<>();
        long wrongMetadata = 0;
        for (JsonNode hit : hits) {
            JsonNode source = hit.path("_source");
            stored.computeIfAbsent(keyOf(source), k -> new ArrayList<>()).add(source);
            String problem = metadataProblem(source, containers.get(source.path("container").path("id").asString("")), agentHost);
            if (problem != null) {
                wrongMetadata++;
                example(examples, problem);
            }
        }
        long delivered = 0;
        long lost = 0;
        long duplicated = 0;
        long misplaced = 0;
        Set<Key> expected = new HashSet<>();
        for (WrittenLine line : written) {
            Key key = new Key(line.containerId(), line.source(), line.message());
            if (!expected.add(key)) {
                throw new IllegalArgumentException("a line written twice cannot be told apart: " + line);
            }
            List<JsonNode> copies = stored.getOrDefault(key, List.of());
            if (copies.isEmpty()) {
                lost++;
                example(examples, agentHost + ": lost " + line);
                continue;
            }
            delivered++;
            if (copies.size() > 1) {
                duplicated += copies.size() - 1;
                example(examples, agentHost + ": " + copies.size() + " copies of " + line);
            }
            if (line.offset() >= 0 && copies.stream().anyMatch(c -> c.path("log").path("offset").asLong(-1) != line.offset())) {
                misplaced++;
                example(examples, agentHost + ": " + line + " stored at offset " + copies.get(0).path("log").path("offset"));
            }
        }
        long unexpected = 0;
        for (Map.Entry<Key, List<JsonNode>> entry : stored.entrySet()) {
            if (!expected.contains(entry.getKey())) {
                unexpected += entry.getValue().size();
                example(examples, agentHost + ": nobody wrote " + entry.getKey());
            }
        }
        return new Outcome(written.size(), delivered, lost, duplicated, misplaced, wrongMetadata, unexpected, List.copyOf(examples));
    }

    private record Key(String containerId, String source, String message) {
    }

    private static Key keyOf(JsonNode source) {
        JsonNode log = source.path("log");
        String stream = log.has("file") ? log.path("file").path("path").asString("") : log.path("stream").asString("");
        return new Key(source.path("container").path("id").asString(""), stream, source.path("message").asString(""));
    }

    private static String metadataProblem(JsonNode source, ContainerFacts container, String agentHost) {
        if (container == null) {
            return agentHost + ": a document of no container of the scenario: " + source.path("container");
        }
        JsonNode c = source.path("container");
        if (!Objects.equals(c.path("name").asString(null), container.name())
                || !Objects.equals(c.path("image").path("name").asString(null), container.image())
                || !Objects.equals(source.path("host").path("name").asString(null), agentHost)
                || !Objects.equals(source.path("mesos").path("task_id").asString(null), container.mesosTaskId())) {
            return agentHost + ": wrong metadata " + c + " host " + source.path("host") + " mesos " + source.path("mesos")
                    + ", expected " + container;
        }
        return null;
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < EXAMPLES) {
            examples.add(example);
        }
    }
}
