package org.mesoslogstash.scheduler.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real ZooKeeper server (Curator's TestingServer). */
class ZooKeeperAdminPasswordStoreTest {

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
    void theFirstHashIsKeptAndNeverOverwritten() {
        ZooKeeperAdminPasswordStore store = new ZooKeeperAdminPasswordStore(zk, "/admin");
        assertThat(store.load()).isEmpty();

        assertThat(store.storeIfAbsent("{bcrypt}first")).isTrue();
        assertThat(new ZooKeeperAdminPasswordStore(zk, "/admin").storeIfAbsent("{bcrypt}second")).isFalse();

        assertThat(new ZooKeeperAdminPasswordStore(zk, "/admin").load()).contains("{bcrypt}first");
    }
}
