package org.mesoslogstash.simulator;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.zookeeper.CreateMode;

/**
 * Master contenders in ZooKeeper the way Mesos writes them: an ephemeral sequential znode
 * {@code json.info_<sequence>} per master under the configured path, holding its MasterInfo as JSON
 * with the protobuf field names; the lowest sequence leads. A master steps down by deleting its znode
 * (as its session would end on a crash).
 */
final class MasterElection implements AutoCloseable {

    private final CuratorFramework zk;
    private final String path;

    MasterElection(SimulatorConfig.ZooKeeperElection election) throws InterruptedException {
        this.zk = CuratorFrameworkFactory.newClient(election.connectString(), 10_000, 5_000, new ExponentialBackoffRetry(100, 5));
        this.path = election.path();
        zk.start();
        if (!zk.blockUntilConnected(10, TimeUnit.SECONDS)) {
            zk.close();
            throw new IllegalStateException("ZooKeeper at " + election.connectString() + " not reachable within 10 s");
        }
    }

    /** Enters a master into the election; returns its znode. */
    String contend(MasterInfo info) throws Exception {
        return zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath(path + "/json.info_", json(info).getBytes(StandardCharsets.UTF_8));
    }

    void withdraw(String znode) throws Exception {
        zk.delete().forPath(znode);
    }

    static String json(MasterInfo info) {
        return "{\"id\":\"" + info.getId() + "\",\"ip\":" + Integer.toUnsignedLong(info.getIp()) + ",\"port\":" + info.getPort()
                + ",\"hostname\":\"" + info.getHostname() + "\",\"version\":\"1.11.0\",\"address\":{\"hostname\":\""
                + info.getAddress().getHostname() + "\",\"ip\":\"" + info.getAddress().getIp() + "\",\"port\":"
                + info.getAddress().getPort() + "}}";
    }

    @Override
    public void close() {
        zk.close();
    }
}
