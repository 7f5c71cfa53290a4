package org.mesoslogstash.scheduler.task;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.mesoslogstash.scheduler.framework.StateStoreException;

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
        List<String> agents;
        try {
            agents = zk.getChildren().forPath(parent);
        } catch (KeeperException.NoNodeException e) {
            return Map.of();
        } catch (Exception e) { // Curator declares Exception
            throw failure("list", parent, e);
        }
        Map<String, String> tasks = new HashMap<>();
        for (String agent : agents) {
            String node = parent + "/" + agent;
            try {
                tasks.put(agent, new String(zk.getData().forPath(node), StandardCharsets.UTF_8));
            } catch (KeeperException.NoNodeException e) {
                // removed between listing and reading
            } catch (Exception e) {
                throw failure("read", node, e);
            }
        }
        return tasks;
    }

    @Override
    public void put(String agentId, String taskId) {
        String node = node(agentId);
        byte[] data = taskId.getBytes(StandardCharsets.UTF_8);
        try {
            try {
                zk.setData().forPath(node, data);
            } catch (KeeperException.NoNodeException e) {
                zk.create().creatingParentsIfNeeded().forPath(node, data);
            }
        } catch (Exception e) {
            throw failure("write", node, e);
        }
    }

    @Override
    public void remove(String agentId) {
        String node = node(agentId);
        try {
            zk.delete().forPath(node);
        } catch (KeeperException.NoNodeException e) {
            // already gone
        } catch (Exception e) {
            throw failure("delete", node, e);
        }
    }

    private String node(String agentId) {
        if (agentId.isEmpty() || agentId.contains("/")) {
            throw new IllegalArgumentException("agent id '" + agentId + "' cannot name a znode");
        }
        return parent + "/" + agentId;
    }

    private static StateStoreException failure(String action, String node, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new StateStoreException(action, "ZooKeeper node " + node, e);
    }
}
