package org.mesoslogstash.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real ZooKeeper server (Curator's TestingServer). */
class ZooKeeperFrameworkIdStoreTest {

    private static TestingServer server;
    private static CuratorFramework zk;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer(true);
        zk = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        zk.start();
        zk.blockUntilConnected();
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        zk.close();
        server.close();
    }

    private static FrameworkID id(String value) {
        return FrameworkID.newBuilder().setValue(value).build();
    }

    @Test
    void nothingIsStoredAtFirst() {
        assertThat(new ZooKeeperFrameworkIdStore(zk, "/empty").load()).isEmpty();
    }

    @Test
    void aStoredIdIsWhatANewStoreLoads() {
        new ZooKeeperFrameworkIdStore(zk, "/restart/mesos-logstash").store(id("fw-1"));

        assertThat(new ZooKeeperFrameworkIdStore(zk, "/restart/mesos-logstash").load()).contains(id("fw-1"));
    }

    @Test
    void storingAgainReplacesTheId() {
        ZooKeeperFrameworkIdStore store = new ZooKeeperFrameworkIdStore(zk, "/replace");
        store.store(id("fw-1"));

        store.store(id("fw-2"));

        assertThat(store.load()).contains(id("fw-2"));
    }

    @Test
    void clearingForgetsTheIdAndMayBeRepeated() {
        ZooKeeperFrameworkIdStore store = new ZooKeeperFrameworkIdStore(zk, "/clear");
        store.store(id("fw-1"));

        store.clear();
        store.clear();

        assertThat(store.load()).isEmpty();
    }

    @Test
    void anUnreachableZooKeeperIsAnErrorNotAnEmptyStore() throws Exception {
        try (TestingServer lost = new TestingServer(true);
             CuratorFramework client = CuratorFrameworkFactory.builder().connectString(lost.getConnectString())
                     .retryPolicy(new RetryOneTime(10)).connectionTimeoutMs(500).sessionTimeoutMs(2_000).build()) {
            client.start();
            client.blockUntilConnected();
            ZooKeeperFrameworkIdStore store = new ZooKeeperFrameworkIdStore(client, "/lost");
            lost.stop();

            assertThatThrownBy(store::load).isInstanceOf(StateStoreException.class).hasMessageContaining("/lost/framework-id");
        }
    }
}
