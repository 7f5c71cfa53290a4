package org.mesoslogstash.scheduler.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real ZooKeeper server (Curator's TestingServer). */
class ZooKeeperTaskStoreTest {

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

    @Test
    void tasksPutAreWhatANewStoreLoads() {
        ZooKeeperTaskStore store = new ZooKeeperTaskStore(zk, "/tasks-load");
        store.put("a1", "t1");
        store.put("a2", "t2");
        store.put("a1", "t3");

        assertThat(new ZooKeeperTaskStore(zk, "/tasks-load").load()).isEqualTo(Map.of("a1", "t3", "a2", "t2"));
    }

    @Test
    void aRemovedAgentIsNotLoadedAndRemovingTwiceIsHarmless() {
        ZooKeeperTaskStore store = new ZooKeeperTaskStore(zk, "/tasks-remove");
        store.put("a1", "t1");

        store.remove("a1");
        store.remove("a1");

        assertThat(store.load()).isEmpty();
    }
}
