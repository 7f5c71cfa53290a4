package org.mesoslogstash.scheduler.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mesoslogstash.scheduler.testsupport.InProcessZooKeeper;

/** Against a real ZooKeeper server (Curator's TestingServer). */
class ZooKeeperTaskStoreTest {

    @RegisterExtension
    static final InProcessZooKeeper ZOOKEEPER = new InProcessZooKeeper();

    @Test
    void tasksPutAreWhatANewStoreLoads() {
        ZooKeeperTaskStore store = new ZooKeeperTaskStore(ZOOKEEPER.client(), "/tasks-load");
        store.put("a1", "t1");
        store.put("a2", "t2");
        store.put("a1", "t3");

        assertThat(new ZooKeeperTaskStore(ZOOKEEPER.client(), "/tasks-load").load()).isEqualTo(Map.of("a1", "t3", "a2", "t2"));
    }

    @Test
    void aRemovedAgentIsNotLoadedAndRemovingTwiceIsHarmless() {
        ZooKeeperTaskStore store = new ZooKeeperTaskStore(ZOOKEEPER.client(), "/tasks-remove");
        store.put("a1", "t1");

        store.remove("a1");
        store.remove("a1");

        assertThat(store.load()).isEmpty();
    }
}
