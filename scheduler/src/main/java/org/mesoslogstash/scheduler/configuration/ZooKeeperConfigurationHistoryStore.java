package org.mesoslogstash.scheduler.configuration;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.curator.framework.CuratorFramework;
import org.mesoslogstash.scheduler.framework.StateStoreException;
import org.mesoslogstash.scheduler.framework.ZooKeeperNodes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps every version in its own znode, {@code <path>/configuration-history/<name>/<version, 10 digits>},
 * as JSON ({@code name, version, change, text, author, time, comment, rolledBackTo}). A version node is
 * created, never overwritten: ZooKeeper refuses a second node of the same number. ZooKeeper's default
 * limit of 1 MB per znode is well above the API's limit on a configuration's size.
 */
public final class ZooKeeperConfigurationHistoryStore implements ConfigurationHistoryStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CuratorFramework zk;
    private final String root;

    /** @param zk a started client; the caller owns it. @param path the scheduler's znode, e.g. /mesos-logstash */
    public ZooKeeperConfigurationHistoryStore(CuratorFramework zk, String path) {
        this.zk = Objects.requireNonNull(zk, "zk");
        this.root = Objects.requireNonNull(path, "path") + "/configuration-history";
    }

    @Override
    public List<ConfigurationVersion> loadAll() {
        List<ConfigurationVersion> versions = new ArrayList<>();
        for (String name : ZooKeeperNodes.children(zk, root)) {
            for (String child : ZooKeeperNodes.children(zk, root + "/" + name)) {
                String node = root + "/" + name + "/" + child;
                ZooKeeperNodes.read(zk, node).ifPresent(data -> versions.add(parse(node, data)));
            }
        }
        return versions;
    }

    @Override
    public void append(ConfigurationVersion version) {
        String node = nodeOf(version.name(), version.version());
        ObjectNode json = JSON.createObjectNode()
                .put("name", version.name())
                .put("version", version.version())
                .put("change", version.change().name())
                .put("text", version.text())
                .put("author", version.author())
                .put("time", version.time().toString())
                .put("comment", version.comment())
                .put("rolledBackTo", version.rolledBackTo());
        try {
            zk.create().creatingParentsIfNeeded().forPath(node, JSON.writeValueAsBytes(json));
        } catch (Exception e) { // Curator declares Exception; NodeExists included: a version is never overwritten
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new StateStoreException("create", "ZooKeeper node " + node, e);
        }
    }

    private String nodeOf(String name, long version) {
        return root + "/" + name + "/" + String.format("%010d", version);
    }

    private static ConfigurationVersion parse(String node, byte[] data) {
        try {
            JsonNode json = JSON.readTree(new String(data, StandardCharsets.UTF_8));
            JsonNode comment = json.get("comment");
            return new ConfigurationVersion(json.get("name").asString(), json.get("version").asLong(),
                    ConfigurationVersion.Change.valueOf(json.get("change").asString()), json.get("text").asString(),
                    json.get("author").asString(), Instant.parse(json.get("time").asString()),
                    comment == null || comment.isNull() ? null : comment.asString(), json.path("rolledBackTo").asLong(0));
        } catch (RuntimeException e) { // JacksonException, or a field missing (NPE) or malformed (IllegalArgumentException)
            // Not written by us: going on without it could reuse its version number.
            throw new StateStoreException("read", "ZooKeeper node " + node + " (not a configuration version)", e);
        }
    }

    @Override
    public String toString() {
        return "ZooKeeperConfigurationHistoryStore[" + root + "]";
    }
}
