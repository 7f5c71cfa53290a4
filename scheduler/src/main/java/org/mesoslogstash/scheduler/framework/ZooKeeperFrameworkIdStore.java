package org.mesoslogstash.scheduler.framework;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import org.apache.curator.framework.CuratorFramework;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.zookeeper.KeeperException;

/**
 * Keeps the framework id in the znode {@code <path>/framework-id} as UTF-8 text. Curator retries
 * transient connection trouble per its retry policy; what still fails is a {@link StateStoreException}.
 */
public final class ZooKeeperFrameworkIdStore implements FrameworkIdStore {

    private final CuratorFramework zk;
    private final String node;

    /** @param zk a started client; the caller owns it. @param path the scheduler's znode, e.g. /mesos-logstash */
    public ZooKeeperFrameworkIdStore(CuratorFramework zk, String path) {
        this.zk = Objects.requireNonNull(zk, "zk");
        this.node = Objects.requireNonNull(path, "path") + "/framework-id";
    }

    @Override
    public Optional<FrameworkID> load() {
        try {
            byte[] data = zk.getData().forPath(node);
            String value = new String(data, StandardCharsets.UTF_8).strip();
            return value.isEmpty() ? Optional.empty() : Optional.of(FrameworkID.newBuilder().setValue(value).build());
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) { // Curator declares Exception
            throw failure("read", e);
        }
    }

    @Override
    public void store(FrameworkID id) {
        byte[] data = id.getValue().getBytes(StandardCharsets.UTF_8);
        try {
            try {
                zk.setData().forPath(node, data);
            } catch (KeeperException.NoNodeException e) {
                zk.create().creatingParentsIfNeeded().forPath(node, data);
            }
        } catch (Exception e) {
            throw failure("write", e);
        }
    }

    @Override
    public void clear() {
        try {
            zk.delete().forPath(node);
        } catch (KeeperException.NoNodeException e) {
            // already gone
        } catch (Exception e) {
            throw failure("delete", e);
        }
    }

    private StateStoreException failure(String action, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new StateStoreException(action, "ZooKeeper node " + node, e);
    }

    @Override
    public String toString() {
        return "ZooKeeperFrameworkIdStore[" + node + "]";
    }
}
