package org.mesoslogstash.scheduler.distribution;

import java.util.Objects;
import java.util.Optional;

import com.google.protobuf.ByteString;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.config.distribution.InvalidAssignmentException;
import org.mesoslogstash.scheduler.framework.StateStoreException;

/**
 * Keeps the current configuration in the znode {@code <path>/configuration}, as the same protobuf
 * {@link CollectorAssignment} the executors receive (version and JSON in one write, so they never
 * disagree). ZooKeeper's default limit of 1 MB per znode bounds the configuration's size.
 */
public final class ZooKeeperConfigurationStore implements ConfigurationStore {

    private final CuratorFramework zk;
    private final String node;

    /** @param zk a started client; the caller owns it. @param path the scheduler's znode, e.g. /mesos-logstash */
    public ZooKeeperConfigurationStore(CuratorFramework zk, String path) {
        this.zk = Objects.requireNonNull(zk, "zk");
        this.node = Objects.requireNonNull(path, "path") + "/configuration";
    }

    @Override
    public Optional<CollectorAssignment> load() {
        byte[] data;
        try {
            data = zk.getData().forPath(node);
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) { // Curator declares Exception
            throw failure("read", e);
        }
        try {
            return Optional.of(CollectorAssignment.parse(ByteString.copyFrom(data)));
        } catch (InvalidAssignmentException e) {
            // Not written by us: starting over at version 1 could reuse a version, so refuse.
            throw new StateStoreException("read", "ZooKeeper node " + node + " (not a CollectorAssignment; delete it to start at version 1)", e);
        }
    }

    @Override
    public void store(CollectorAssignment assignment) {
        byte[] data = assignment.toByteString().toByteArray();
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

    private StateStoreException failure(String action, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new StateStoreException(action, "ZooKeeper node " + node, e);
    }

    @Override
    public String toString() {
        return "ZooKeeperConfigurationStore[" + node + "]";
    }
}
