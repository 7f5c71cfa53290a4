package org.mesoslogstash.scheduler.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mesoslogstash.scheduler.testsupport.InProcessZooKeeper;

/** Against a real ZooKeeper server (Curator's TestingServer). */
class ZooKeeperAdminPasswordStoreTest {

    @RegisterExtension
    static final InProcessZooKeeper ZOOKEEPER = new InProcessZooKeeper();

    @Test
    void theFirstHashIsKeptAndNeverOverwritten() {
        ZooKeeperAdminPasswordStore store = new ZooKeeperAdminPasswordStore(ZOOKEEPER.client(), "/admin");
        assertThat(store.load()).isEmpty();

        assertThat(store.storeIfAbsent("{bcrypt}first")).isTrue();
        assertThat(new ZooKeeperAdminPasswordStore(ZOOKEEPER.client(), "/admin").storeIfAbsent("{bcrypt}second")).isFalse();

        assertThat(new ZooKeeperAdminPasswordStore(ZOOKEEPER.client(), "/admin").load()).contains("{bcrypt}first");
    }
}
