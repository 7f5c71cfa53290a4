package org.mesoslogstash.executor.collector;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.mesoslogstash.executor.collector.CollectorConfig.SinkConfig;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.executor.matching.ContainerSelector;
import org.mesoslogstash.executor.multiline.MultilineSettings;
import org.mesoslogstash.executor.sink.elasticsearch.ElasticsearchConfigReader;
import org.mesoslogstash.executor.sink.elasticsearch.ElasticsearchSinkOptions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a collector configuration from JSON. Every problem is collected with the JSON path of the
 * field, the value and what would be accepted, and all of them are thrown together as one
 * {@link ConfigException}; unknown fields are problems too, because a misspelt option silently
 * falling back to its default is how logs go missing.
 */
public final class CollectorConfigReader {

    static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
    static final int DEFAULT_MAX_UNACKNOWLEDGED = 16_384;
    static final Duration DEFAULT_RESYNC = Duration.ofSeconds(30);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> env;
    private final String defaultHost;

    /**
     * @param env         the process environment ({@code DOCKER_HOST} is the default for {@code docker})
     * @param defaultHost the agent host name used when the configuration names none
     */
    public CollectorConfigReader(Map<String, String> env, String defaultHost) {
        this.env = Map.copyOf(env);
        this.defaultHost = defaultHost;
    }

    /** A standalone collector's configuration: {@code collect} is required, as it is all there is to collect. */
    public CollectorConfig read(String json, String source) {
        return read(json, source, true);
    }

    /**
     * The collector settings of an executor's assignment, whose configurations (docs/configurations.md)
     * may name everything to collect: {@code collect} may be left out.
     */
    public CollectorConfig readSettings(String json, String source) {
        return read(json, source, false);
    }

    private CollectorConfig read(String json, String source, boolean rulesRequired) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new ConfigException(source, List.of("not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        Problems problems = new Problems();
        if (root == null || !root.isObject()) {
            throw new ConfigException(source, List.of("$: must be a JSON object"));
        }
        problems.onlyKnown(root, "$", Set.of("agentHost", "docker", "checkpointDir", "maxLineBytes",
                "maxUnacknowledged", "resyncSeconds", "sink", "collect"));
        String agentHost = problems.string(root, "$", "agentHost", defaultHost);
        DockerEndpoint docker = docker(root, problems);
        String checkpointDir = problems.string(root, "$", "checkpointDir", null);
        if (root.get("checkpointDir") == null) {
            problems.add("$.checkpointDir: required (a directory where stream positions are kept)");
        }
        int maxLineBytes = problems.positiveInt(root, "$", "maxLineBytes", DEFAULT_MAX_LINE_BYTES);
        int maxUnacknowledged = problems.positiveInt(root, "$", "maxUnacknowledged", DEFAULT_MAX_UNACKNOWLEDGED);
        int resyncSeconds = problems.positiveInt(root, "$", "resyncSeconds", (int) DEFAULT_RESYNC.toSeconds());
        SinkConfig sink = sink(root.get("sink"), problems);
        List<CollectRule> rules = rules(root.get("collect"), rulesRequired, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems.list);
        }
        return new CollectorConfig(agentHost, docker, Path.of(checkpointDir), maxLineBytes, maxUnacknowledged,
                Duration.ofSeconds(resyncSeconds), sink, rules);
    }

    private DockerEndpoint docker(JsonNode root, Problems problems) {
        String value = problems.string(root, "$", "docker", null);
        try {
            return value == null ? DockerEndpoint.fromEnvironment(env) : new DockerEndpoint(URI.create(value));
        } catch (IllegalArgumentException e) {
            problems.add("$.docker: " + e.getMessage());
            return new DockerEndpoint(DockerEndpoint.DEFAULT);
        }
    }

    private static SinkConfig sink(JsonNode node, Problems problems) {
        if (node == null) {
            problems.add("$.sink: required, for example {\"type\": \"beats\", \"host\": \"localhost\", \"port\": 5044}");
            return null;
        }
        if (!node.isObject()) {
            problems.add("$.sink: must be an object, was " + node);
            return null;
        }
        String type = problems.string(node, "$.sink", "type", null);
        if ("beats".equals(type)) {
            problems.onlyKnown(node, "$.sink", Set.of("type", "host", "port", "compressionLevel", "tls", "trustStore", "trustStorePassword"));
            String host = problems.string(node, "$.sink", "host", null);
            if (node.get("host") == null) {
                problems.add("$.sink.host: required for the beats sink (the Logstash host)");
            }
            int port = problems.positiveInt(node, "$.sink", "port", 5044);
            if (port > 65535) {
                problems.add("$.sink.port: must be a TCP port (1-65535), was " + port);
            }
            int compressionLevel = problems.intBetween(node, "$.sink", "compressionLevel", 0, 9, 0);
            boolean tls = problems.bool(node, "$.sink", "tls", false);
            String trustStore = problems.string(node, "$.sink", "trustStore", null);
            String password = problems.string(node, "$.sink", "trustStorePassword", null);
            if (trustStore != null && !tls) {
                problems.add("$.sink.trustStore: only used with \"tls\": true");
            }
            return new SinkConfig.Beats(host, port, compressionLevel, tls, trustStore == null ? null : Path.of(trustStore), password);
        }
        if ("logstash".equals(type)) {
            problems.onlyKnown(node, "$.sink", Set.of("type", "port"));
            int port = problems.positiveInt(node, "$.sink", "port", 5044);
            if (port > 65535) {
                problems.add("$.sink.port: must be a TCP port (1-65535), was " + port);
            }
            return new SinkConfig.ManagedLogstash(port);
        }
        if ("jsonlines".equals(type)) {
            problems.onlyKnown(node, "$.sink", Set.of("type", "file"));
            String file = problems.string(node, "$.sink", "file", null);
            return new SinkConfig.JsonLines(file == null ? null : Path.of(file));
        }
        if ("elasticsearch".equals(type)) {
            ElasticsearchSinkOptions options = ElasticsearchConfigReader.read(node, "$.sink", problems::add);
            return options == null ? null : new SinkConfig.Elasticsearch(options);
        }
        problems.add("$.sink.type: must be \"logstash\", \"beats\", \"jsonlines\" or \"elasticsearch\", was " + (type == null ? "missing" : "\"" + type + "\""));
        return null;
    }

    private static List<CollectRule> rules(JsonNode node, boolean required, Problems problems) {
        if (!required && (node == null || node.isArray() && node.isEmpty())) {
            return List.of();
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add("$.collect: required, a non-empty array of rules such as "
                    + "{\"name\": \"nginx\", \"match\": {\"images\": [\"nginx\"]}, \"files\": [\"/var/log/nginx/access.log\"]}");
            return List.of();
        }
        List<CollectRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "$.collect[" + i + "]";
            JsonNode rule = node.get(i);
            if (!rule.isObject()) {
                problems.add(path + ": must be an object, was " + rule);
                continue;
            }
            problems.onlyKnown(rule, path, Set.of("name", "match", "files", "console", "pipeline", "multiline"));
            String name = problems.string(rule, path, "name", null);
            if (name == null) {
                problems.add(path + ".name: required");
            } else if (!names.add(name)) {
                problems.add(path + ".name: \"" + name + "\" is used by an earlier rule; names must be unique");
            }
            ContainerSelector selector = selector(rule.get("match"), path + ".match", problems);
            List<String> files = problems.strings(rule, path, "files");
            for (int f = 0; f < files.size(); f++) {
                if (!files.get(f).startsWith("/")) {
                    problems.add(path + ".files[" + f + "]: must be an absolute path inside the container, was \"" + files.get(f) + "\"");
                }
            }
            boolean console = problems.bool(rule, path, "console", false);
            if (files.isEmpty() && !console) {
                problems.add(path + ": collects nothing; give \"files\" or \"console\": true");
            }
            String pipeline = pipeline(rule, path, problems);
            MultilineSettings multiline = multiline(rule.get("multiline"), path + ".multiline", problems);
            if (name != null && selector != null) {
                rules.add(new CollectRule(name, selector, files, console, pipeline, multiline));
            }
        }
        return rules;
    }

    /** The configuration the rule belongs to; absent for the standalone collector. */
    private static String pipeline(JsonNode rule, String path, Problems problems) {
        String pipeline = problems.string(rule, path, "pipeline", null);
        if (pipeline != null && !CollectRule.PIPELINE_ID.matcher(pipeline).matches()) {
            problems.add(path + ".pipeline: must be a Logstash pipeline id (lower-case letters, digits, \"_\" and \"-\"), was \""
                    + pipeline + "\"");
            return null;
        }
        return pipeline;
    }

    /** Filebeat's multiline options (docs/collector.md); absent means one event per line. */
    private static MultilineSettings multiline(JsonNode node, String path, Problems problems) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object such as {\"pattern\": \"^\\\\s\", \"match\": \"after\"}, was " + node);
            return null;
        }
        problems.onlyKnown(node, path, Set.of("pattern", "negate", "match", "maxLines", "maxBytes", "flushAfterMs"));
        String source = problems.string(node, path, "pattern", null);
        Pattern pattern = null;
        if (source == null) {
            problems.add(path + ".pattern: required, a Java regular expression such as \"^\\\\s\"");
        } else {
            try {
                pattern = Pattern.compile(source);
            } catch (PatternSyntaxException e) {
                problems.add(path + ".pattern: not a Java regular expression: " + e.getDescription() + " near index " + e.getIndex()
                        + " of \"" + source + "\"");
            }
        }
        boolean negate = problems.bool(node, path, "negate", false);
        String match = problems.string(node, path, "match", "after");
        if (!match.equals("after") && !match.equals("before")) {
            problems.add(path + ".match: must be \"after\" or \"before\", was \"" + match + "\"");
        }
        int maxLines = problems.positiveInt(node, path, "maxLines", MultilineSettings.DEFAULT_MAX_LINES);
        int maxBytes = problems.positiveInt(node, path, "maxBytes", MultilineSettings.DEFAULT_MAX_BYTES);
        int flushAfterMs = problems.positiveInt(node, path, "flushAfterMs", (int) MultilineSettings.DEFAULT_FLUSH_AFTER.toMillis());
        if (pattern == null) {
            return null;
        }
        return new MultilineSettings(pattern, negate, match.equals("before") ? MultilineSettings.Match.BEFORE : MultilineSettings.Match.AFTER,
                maxLines, maxBytes, Duration.ofMillis(flushAfterMs));
    }

    private static ContainerSelector selector(JsonNode node, String path, Problems problems) {
        if (node == null) {
            return ContainerSelector.ANY;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object, was " + node);
            return null;
        }
        problems.onlyKnown(node, path, Set.of("images", "labels", "marathonAppId", "mesosTaskId"));
        List<String> images = problems.strings(node, path, "images");
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode labelNode = node.get("labels");
        if (labelNode != null) {
            if (!labelNode.isObject()) {
                problems.add(path + ".labels: must be an object of label name to value pattern, was " + labelNode);
            } else {
                for (Map.Entry<String, JsonNode> label : labelNode.properties()) {
                    if (label.getValue().isString()) {
                        labels.put(label.getKey(), label.getValue().asString());
                    } else {
                        problems.add(path + ".labels." + label.getKey() + ": must be a string pattern, was " + label.getValue());
                    }
                }
            }
        }
        String marathonAppId = problems.string(node, path, "marathonAppId", null);
        String mesosTaskId = problems.string(node, path, "mesosTaskId", null);
        try {
            return new ContainerSelector(images, labels, marathonAppId, mesosTaskId);
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return null;
        }
    }

    /** Collects problems while reading typed fields, so that every problem is reported at once. */
    private static final class Problems {

        private final List<String> list = new ArrayList<>();

        void add(String problem) {
            list.add(problem);
        }

        boolean isEmpty() {
            return list.isEmpty();
        }

        void onlyKnown(JsonNode node, String path, Set<String> known) {
            for (String field : node.propertyNames()) {
                if (!known.contains(field)) {
                    add(path + "." + field + ": unknown field; known fields are " + known.stream().sorted().toList());
                }
            }
        }

        String string(JsonNode node, String path, String field, String fallback) {
            return typed(node, path, field, fallback, JsonNode::isString, JsonNode::asString, "a string");
        }

        boolean bool(JsonNode node, String path, String field, boolean fallback) {
            return typed(node, path, field, fallback, JsonNode::isBoolean, JsonNode::asBoolean, "true or false");
        }

        int positiveInt(JsonNode node, String path, String field, int fallback) {
            return intBetween(node, path, field, 1, Integer.MAX_VALUE, fallback);
        }

        int intBetween(JsonNode node, String path, String field, int min, int max, int fallback) {
            Long value = typed(node, path, field, (long) fallback, JsonNode::isIntegralNumber, JsonNode::asLong, "a whole number");
            if (value < min || value > max) {
                add(path + "." + field + ": must be between " + min + " and " + max + ", was " + value);
                return fallback;
            }
            return value.intValue();
        }

        List<String> strings(JsonNode node, String path, String field) {
            JsonNode value = node.get(field);
            if (value == null) {
                return List.of();
            }
            if (!value.isArray()) {
                add(path + "." + field + ": must be an array of strings, was " + value);
                return List.of();
            }
            List<String> strings = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (element.isString() && !element.asString().isBlank()) {
                    strings.add(element.asString());
                } else {
                    add(path + "." + field + "[" + i + "]: must be a non-empty string, was " + element);
                }
            }
            return strings;
        }

        private <T> T typed(JsonNode node, String path, String field, T fallback,
                            Predicate<JsonNode> isType, Function<JsonNode, T> read, String expected) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!isType.test(value)) {
                add(path + "." + field + ": must be " + expected + ", was " + value);
                return fallback;
            }
            return read.apply(value);
        }
    }
}
