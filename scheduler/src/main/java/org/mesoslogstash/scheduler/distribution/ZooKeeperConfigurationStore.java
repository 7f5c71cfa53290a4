package org.mesoslogstash.scheduler.distribution;

import java.util.Objects;
import java.util.Optional;

import com.google.protobuf.ByteString;

import org.apache.curator.framework.CuratorFramework;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.config.distribution.InvalidAssignmentException;
import org.mesoslogstash.scheduler.framework.StateStoreException;
import org.mesoslogstash.scheduler.framework.ZooKeeperNodes;

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
        Optional<byte[]> data = ZooKeeperNodes.read(zk, node);
        if (data.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CollectorAssignment.parse(ByteString.copyFrom(data.get())));
        } catch (InvalidAssignmentException e) {
            // Not written by us: starting over at version 1 could reuse a version, so refuse.
            throw new StateStoreException("read", "ZooKeeper node " + node + " (not a CollectorAssignment; delete it to start at version 1)", e);
        }
    }

    @Override
    public void store(CollectorAssignment assignment) {
        ZooKeeperNodes.write(zk, node, assignment.toByteString().toByteArray());
    }

    @Override
    public String toString() {
        return "ZooKeeperConfigurationStore[" + node + "]";
    }
}
