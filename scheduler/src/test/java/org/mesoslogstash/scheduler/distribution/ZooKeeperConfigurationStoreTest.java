package org.mesoslogstash.scheduler.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mesoslogstash.scheduler.testsupport.InProcessZooKeeper;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.scheduler.framework.StateStoreException;

/** Against a real ZooKeeper server (Curator's TestingServer). */
class ZooKeeperConfigurationStoreTest {

    @RegisterExtension
    static final InProcessZooKeeper ZOOKEEPER = new InProcessZooKeeper();

    @Test
    void nothingIsStoredAtFirst() {
        assertThat(new ZooKeeperConfigurationStore(ZOOKEEPER.client(), "/empty").load()).isEmpty();
    }

    @Test
    void aStoredConfigurationIsWhatANewStoreLoads() {
        new ZooKeeperConfigurationStore(ZOOKEEPER.client(), "/stored/mesos-logstash").store(new CollectorAssignment(3, "{\"a\":1}"));

        assertThat(new ZooKeeperConfigurationStore(ZOOKEEPER.client(), "/stored/mesos-logstash").load()).contains(new CollectorAssignment(3, "{\"a\":1}"));
    }

    @Test
    void aRestartedSchedulerKeepsTheVersionAndGoesOnCountingFromIt() {
        VersionedConfiguration before = VersionedConfiguration.load(new ZooKeeperConfigurationStore(ZOOKEEPER.client(), "/restart"), Optional.of("{\"a\":1}"), List.of());
        before.update("{\"a\":2}", List.of());

        VersionedConfiguration after = VersionedConfiguration.load(new ZooKeeperConfigurationStore(ZOOKEEPER.client(), "/restart"), Optional.empty(), List.of());

        assertThat(after.current()).contains(new CollectorAssignment(2, "{\"a\":2}"));
        assertThat(after.update("{\"a\":3}", List.of()).version()).isEqualTo(3);
    }

    @Test
    void aNodeThatIsNotAnAssignmentIsAnErrorNotVersionOne() throws Exception {
        ZOOKEEPER.client().create().creatingParentsIfNeeded().forPath("/garbage/configuration", "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(new ZooKeeperConfigurationStore(ZOOKEEPER.client(), "/garbage")::load).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("/garbage/configuration");
    }

    @Test
    void anUnreachableZooKeeperIsAnErrorNotAnEmptyStore() throws Exception {
        try (TestingServer lost = new TestingServer(true);
             CuratorFramework client = CuratorFrameworkFactory.builder().connectString(lost.getConnectString())
                     .retryPolicy(new RetryOneTime(10)).connectionTimeoutMs(500).sessionTimeoutMs(2_000).build()) {
            client.start();
            client.blockUntilConnected();
            ZooKeeperConfigurationStore store = new ZooKeeperConfigurationStore(client, "/lost");
            lost.stop();

            assertThatThrownBy(store::load).isInstanceOf(StateStoreException.class).hasMessageContaining("/lost/configuration");
        }
    }
}
