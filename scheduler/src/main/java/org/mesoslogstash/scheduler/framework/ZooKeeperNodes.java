package org.mesoslogstash.scheduler.framework;

import java.util.List;
import java.util.Optional;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * The znode operations the scheduler's stores share. Curator retries transient connection trouble
 * per its retry policy; what still fails is a {@link StateStoreException} naming the node, never a
 * silent "nothing stored".
 */
public final class ZooKeeperNodes {

    private ZooKeeperNodes() {
    }

    /** The node's data, or empty if the node does not exist. */
    public static Optional<byte[]> read(CuratorFramework zk, String node) {
        try {
            return Optional.of(zk.getData().forPath(node));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) { // Curator declares Exception
            throw failure("read", node, e);
        }
    }

    /** The names of the node's children; none if the node does not exist. */
    public static List<String> children(CuratorFramework zk, String node) {
        try {
            return zk.getChildren().forPath(node);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw failure("list", node, e);
        }
    }

    /** Sets the node's data, creating it and its parents if needed. */
    public static void write(CuratorFramework zk, String node, byte[] data) {
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

    /** Deletes the node; a node already gone is fine. */
    public static void delete(CuratorFramework zk, String node) {
        try {
            zk.delete().forPath(node);
        } catch (KeeperException.NoNodeException e) {
            // already gone
        } catch (Exception e) {
            throw failure("delete", node, e);
        }
    }

    private static StateStoreException failure(String action, String node, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new StateStoreException(action, "ZooKeeper node " + node, e);
    }
}
