package org.mesoslogstash.mesos.master;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the master's address from the MasterInfo JSON a Mesos master stores in its ZooKeeper znode
 * ({@code json.info_<sequence>}), with the protobuf field names: {@code address.hostname},
 * {@code address.ip}, {@code address.port}, and the older top-level {@code hostname} and {@code port}.
 * The host name is preferred over the IP, as Mesos' own web UI and redirects do, so that TLS host
 * name checks work.
 */
final class MasterInfoJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MasterInfoJson() {
    }

    static URI masterUri(byte[] json, String scheme) {
        JsonNode info;
        try {
            info = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("master info is not JSON: " + e.getOriginalMessage(), e);
        }
        if (info == null || !info.isObject()) {
            throw new IllegalArgumentException("master info is not a JSON object: " + preview(json));
        }
        JsonNode address = info.path("address");
        String host = firstText(address.path("hostname"), address.path("ip"), info.path("hostname"));
        if (host == null) {
            throw new IllegalArgumentException("master info has no address.hostname, address.ip or hostname: " + preview(json));
        }
        int port = address.path("port").asInt(info.path("port").asInt(0));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("master info has no valid address.port or port: " + preview(json));
        }
        try {
            return new URI(scheme, null, host, port, null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("master info names host '" + host + "', not usable in a URL", e);
        }
    }

    private static String firstText(JsonNode... candidates) {
        for (JsonNode node : candidates) {
            if (node.isString() && !node.asString().isBlank()) {
                return node.asString();
            }
        }
        return null;
    }

    private static String preview(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
