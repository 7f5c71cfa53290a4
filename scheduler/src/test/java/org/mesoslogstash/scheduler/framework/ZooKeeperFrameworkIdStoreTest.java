package org.mesoslogstash.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mesoslogstash.scheduler.testsupport.InProcessZooKeeper;

/** Against a real ZooKeeper server (Curator's TestingServer). */
class ZooKeeperFrameworkIdStoreTest {

    @RegisterExtension
    static final InProcessZooKeeper ZOOKEEPER = new InProcessZooKeeper();

    private static FrameworkID id(String value) {
        return FrameworkID.newBuilder().setValue(value).build();
    }

    @Test
    void nothingIsStoredAtFirst() {
        assertThat(new ZooKeeperFrameworkIdStore(ZOOKEEPER.client(), "/empty").load()).isEmpty();
    }

    @Test
    void aStoredIdIsWhatANewStoreLoads() {
        new ZooKeeperFrameworkIdStore(ZOOKEEPER.client(), "/restart/mesos-logstash").store(id("fw-1"));

        assertThat(new ZooKeeperFrameworkIdStore(ZOOKEEPER.client(), "/restart/mesos-logstash").load()).contains(id("fw-1"));
    }

    @Test
    void storingAgainReplacesTheId() {
        ZooKeeperFrameworkIdStore store = new ZooKeeperFrameworkIdStore(ZOOKEEPER.client(), "/replace");
        store.store(id("fw-1"));

        store.store(id("fw-2"));

        assertThat(store.load()).contains(id("fw-2"));
    }

    @Test
    void clearingForgetsTheIdAndMayBeRepeated() {
        ZooKeeperFrameworkIdStore store = new ZooKeeperFrameworkIdStore(ZOOKEEPER.client(), "/clear");
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
