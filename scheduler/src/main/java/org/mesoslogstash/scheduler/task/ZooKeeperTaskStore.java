package org.mesoslogstash.scheduler.task;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.curator.framework.CuratorFramework;
import org.mesoslogstash.scheduler.framework.ZooKeeperNodes;

/** Keeps one znode per agent, {@code <path>/tasks/<agent id>}, holding the task id as UTF-8 text. */
public final class ZooKeeperTaskStore implements TaskStore {

    private final CuratorFramework zk;
    private final String parent;

    /** @param zk a started client; the caller owns it. @param path the scheduler's znode, e.g. /mesos-logstash */
    public ZooKeeperTaskStore(CuratorFramework zk, String path) {
        this.zk = Objects.requireNonNull(zk, "zk");
        this.parent = Objects.requireNonNull(path, "path") + "/tasks";
    }

    @Override
    public Map<String, String> load() {
        Map<String, String> tasks = new HashMap<>();
        for (String agent : ZooKeeperNodes.children(zk, parent)) {
            // A node removed between listing and reading is simply no longer there.
            ZooKeeperNodes.read(zk, parent + "/" + agent)
                    .ifPresent(data -> tasks.put(agent, new String(data, StandardCharsets.UTF_8)));
        }
        return tasks;
    }

    @Override
    public void put(String agentId, String taskId) {
        ZooKeeperNodes.write(zk, node(agentId), taskId.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void remove(String agentId) {
        ZooKeeperNodes.delete(zk, node(agentId));
    }

    private String node(String agentId) {
        if (agentId.isEmpty() || agentId.contains("/")) {
            throw new IllegalArgumentException("agent id '" + agentId + "' cannot name a znode");
        }
        return parent + "/" + agentId;
    }
}
