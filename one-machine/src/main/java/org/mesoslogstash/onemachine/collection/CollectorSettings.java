package org.mesoslogstash.onemachine.collection;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The collector settings the scheduler sends the executor (docs/collector.md): direct mode into one
 * Elasticsearch endpoint, checkpoints under the data directory so that they survive runs, and no
 * {@code collect} rules: what to collect comes from the configurations' {@code container} inputs.
 * Credentials in the endpoint's URL become the sink's {@code username} and {@code password}.
 */
public final class CollectorSettings {

    /** Daily indexes, as Logstash's elasticsearch output names them. */
    public static final String INDEX = "mesos-logstash-%{+yyyy.MM.dd}";
    /** What {@link #INDEX} names, and its dead letters, match. */
    public static final String INDEX_GLOB = "mesos-logstash-*";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CollectorSettings() {
    }

    /** The JSON text for an executor on {@code agentHost} writing into {@code elasticsearch}. */
    public static String json(String agentHost, Path checkpointDir, URI elasticsearch) {
        Objects.requireNonNull(agentHost, "agentHost");
        ObjectNode root = JSON.createObjectNode();
        root.put("agentHost", agentHost);
        root.put("checkpointDir", checkpointDir.toAbsolutePath().toString());
        ObjectNode sink = root.putObject("sink");
        sink.put("type", "elasticsearch");
        sink.putArray("hosts").add(withoutUserInfo(elasticsearch).toString());
        sink.put("index", INDEX);
        String userInfo = elasticsearch.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            sink.put("username", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                sink.put("password", decode(userInfo.substring(colon + 1)));
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** The URL without its credentials, to show and to send requests to. */
    public static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot rebuild " + uri.getHost() + " without credentials", e);
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
