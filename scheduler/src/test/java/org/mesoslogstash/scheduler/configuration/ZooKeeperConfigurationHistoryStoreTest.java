package org.mesoslogstash.scheduler.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mesoslogstash.scheduler.testsupport.InProcessZooKeeper;
import org.mesoslogstash.scheduler.configuration.ConfigurationVersion.Change;
import org.mesoslogstash.scheduler.framework.StateStoreException;

/** Against a real ZooKeeper server (Curator's TestingServer). */
class ZooKeeperConfigurationHistoryStoreTest {

    @RegisterExtension
    static final InProcessZooKeeper ZOOKEEPER = new InProcessZooKeeper();

    @Test
    void nothingIsStoredAtFirst() {
        assertThat(new ZooKeeperConfigurationHistoryStore(ZOOKEEPER.client(), "/empty").loadAll()).isEmpty();
    }

    @Test
    void storedVersionsAreWhatANewStoreLoads() {
        ConfigurationVersion v1 = new ConfigurationVersion("nginx", 1, Change.CREATED, ConfigurationTexts.NGINX, "alice",
                Instant.parse("2026-11-29T10:00:00.123Z"), null, 0);
        ConfigurationVersion v2 = new ConfigurationVersion("nginx", 2, Change.ROLLED_BACK, "ünïcode \"quoted\"\n", "bob",
                Instant.parse("2026-11-29T10:01:00Z"), "back", 1);
        ConfigurationVersion other = new ConfigurationVersion("other", 1, Change.DELETED, "", "carol", Instant.parse("2026-11-29T10:02:00Z"), null, 0);
        ZooKeeperConfigurationHistoryStore store = new ZooKeeperConfigurationHistoryStore(ZOOKEEPER.client(), "/stored");
        store.append(v1);
        store.append(v2);
        store.append(other);

        assertThat(new ZooKeeperConfigurationHistoryStore(ZOOKEEPER.client(), "/stored").loadAll()).containsExactlyInAnyOrder(v1, v2, other);
    }

    @Test
    void aVersionNumberIsNeverStoredTwice() {
        ZooKeeperConfigurationHistoryStore store = new ZooKeeperConfigurationHistoryStore(ZOOKEEPER.client(), "/twice");
        store.append(new ConfigurationVersion("nginx", 1, Change.CREATED, "a", "alice", Instant.EPOCH, null, 0));

        assertThatThrownBy(() -> store.append(new ConfigurationVersion("nginx", 1, Change.CREATED, "b", "bob", Instant.EPOCH, null, 0)))
                .isInstanceOf(StateStoreException.class).hasMessageContaining("/twice/configuration-history/nginx/0000000001");
        assertThat(store.loadAll()).singleElement().satisfies(v -> assertThat(v.text()).isEqualTo("a"));
    }

    @Test
    void aNodeNotWrittenByUsStopsTheLoad() throws Exception {
        ZOOKEEPER.client().create().creatingParentsIfNeeded().forPath("/foreign/configuration-history/x/0000000001", "not json".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new ZooKeeperConfigurationHistoryStore(ZOOKEEPER.client(), "/foreign").loadAll()).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("not a configuration version");
    }
}
