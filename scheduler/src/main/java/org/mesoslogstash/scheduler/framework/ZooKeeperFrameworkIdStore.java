package org.mesoslogstash.scheduler.framework;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import org.apache.curator.framework.CuratorFramework;
import org.apache.mesos.v1.Protos.FrameworkID;

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
        return ZooKeeperNodes.read(zk, node)
                .map(data -> new String(data, StandardCharsets.UTF_8).strip())
                .filter(value -> !value.isEmpty())
                .map(value -> FrameworkID.newBuilder().setValue(value).build());
    }

    @Override
    public void store(FrameworkID id) {
        ZooKeeperNodes.write(zk, node, id.getValue().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void clear() {
        ZooKeeperNodes.delete(zk, node);
    }

    @Override
    public String toString() {
        return "ZooKeeperFrameworkIdStore[" + node + "]";
    }
}
