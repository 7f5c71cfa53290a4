package org.mesoslogstash.executor.sink.elasticsearch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code "type": "elasticsearch"} sink of a collector configuration (docs/collector.md,
 * "Direct mode"). Every problem goes to {@code problems} with its JSON path, the value and what
 * would be accepted; nothing is thrown, so the collector reports all problems of a file at once.
 */
public final class ElasticsearchConfigReader {

    static final Set<String> FIELDS = Set.of("type", "hosts", "index", "username", "password", "trustStore",
            "trustStorePassword", "maxBulkBytes");
    static final int MIN_BULK_BYTES = 1024;

    private ElasticsearchConfigReader() {
    }

    /**
     * @param node     the sink object
     * @param path     its JSON path, such as {@code $.sink}
     * @param problems receives each problem found
     * @return the options, or null when a problem was reported
     */
    public static ElasticsearchSinkOptions read(JsonNode node, String path, Consumer<String> problems) {
        List<String> found = new ArrayList<>();
        Consumer<String> report = problem -> {
            found.add(problem);
            problems.accept(problem);
        };
        for (String field : node.propertyNames()) {
            if (!FIELDS.contains(field)) {
                report.accept(path + "." + field + ": unknown field; known fields are " + new TreeSet<>(FIELDS));
            }
        }
        List<URI> hosts = hosts(node.get("hosts"), path + ".hosts", report);
        IndexPattern index = null;
        String indexText = string(node, path, "index", ElasticsearchSinkOptions.DEFAULT_INDEX, report);
        if (indexText != null) {
            try {
                index = IndexPattern.parse(indexText);
            } catch (IllegalArgumentException e) {
                report.accept(path + ".index: " + e.getMessage() + ", was \"" + indexText + "\"");
            }
        }
        String username = string(node, path, "username", null, report);
        String password = string(node, path, "password", null, report);
        if (password != null && username == null) {
            report.accept(path + ".password: needs \"username\"");
        }
        String trustStore = string(node, path, "trustStore", null, report);
        String trustStorePassword = string(node, path, "trustStorePassword", null, report);
        if (trustStore != null && hosts.stream().noneMatch(host -> "https".equals(host.getScheme()))) {
            report.accept(path + ".trustStore: only used with https:// hosts");
        }
        int maxBulkBytes = ElasticsearchSinkOptions.DEFAULT_MAX_BULK_BYTES;
        JsonNode bulk = node.get("maxBulkBytes");
        if (bulk != null) {
            if (!bulk.isIntegralNumber() || bulk.asLong() < MIN_BULK_BYTES || bulk.asLong() > Integer.MAX_VALUE) {
                report.accept(path + ".maxBulkBytes: must be a whole number of bytes from " + MIN_BULK_BYTES
                        + " to " + Integer.MAX_VALUE + ", was " + bulk);
            } else {
                maxBulkBytes = bulk.asInt();
            }
        }
        if (!found.isEmpty()) {
            return null;
        }
        return ElasticsearchSinkOptions.defaults(hosts, index)
                .withCredentials(username, password)
                .withTrustStore(trustStore == null ? null : Path.of(trustStore), trustStorePassword)
                .withMaxBulkBytes(maxBulkBytes);
    }

    private static List<URI> hosts(JsonNode node, String path, Consumer<String> report) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            report.accept(path + ": required, a non-empty array of URLs such as [\"http://localhost:9200\"]"
                    + (node == null ? "" : ", was " + node));
            return List.of();
        }
        List<URI> hosts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            String problem = path + "[" + i + "]: must be an http:// or https:// URL with a host, such as \"http://es1:9200\", was " + element;
            if (!element.isString()) {
                report.accept(problem);
                continue;
            }
            try {
                URI uri = new URI(element.asString());
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                        || uri.getQuery() != null || uri.getFragment() != null) {
                    report.accept(problem);
                } else {
                    hosts.add(uri);
                }
            } catch (URISyntaxException e) {
                report.accept(problem);
            }
        }
        return hosts;
    }

    private static String string(JsonNode node, String path, String field, String fallback, Consumer<String> report) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isString() || value.asString().isEmpty()) {
            report.accept(path + "." + field + ": must be a non-empty string, was " + value);
            return null;
        }
        return value.asString();
    }
}
