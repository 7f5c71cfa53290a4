package org.mesoslogstash.mesos.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real ZooKeeper, with znodes laid out the way Mesos masters create them. */
class ZooKeeperMasterDetectorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestingServer server;
    private CuratorFramework zk;
    private ZooKeeperMasterDetector detector;
    private final List<Optional<URI>> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startZooKeeper() throws Exception {
        server = new TestingServer(true);
        zk = CuratorFrameworkFactory.newClient(server.getConnectString(), 5_000, 5_000, new RetryOneTime(100));
        zk.start();
        detector = new ZooKeeperMasterDetector(zk, "/mesos", "http", Thread.ofVirtual().name("zk-detector").factory());
        detector.onLeaderChange(changes::add);
    }

    @AfterEach
    void stop() throws Exception {
        detector.close();
        zk.close();
        server.close();
    }

    private String registerMaster(String host, int port) throws Exception {
        String json = "{\"address\":{\"hostname\":\"" + host + "\",\"ip\":\"127.0.0.1\",\"port\":" + port + "},\"port\":" + port + "}";
        return zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath("/mesos/json.info_", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsTheLeaderWhenItAppearsAfterStart() throws Exception {
        detector.start();

        registerMaster("m1", 5050);

        await().atMost(WAIT).untilAsserted(() -> assertThat(detector.leader()).contains(URI.create("http://m1:5050")));
        assertThat(changes).containsExactly(Optional.of(URI.create("http://m1:5050")));
    }

    @Test
    void lowestSequenceLeads() throws Exception {
        registerMaster("m1", 5050);
        registerMaster("m2", 5050);
        zk.create().forPath("/mesos/log_replicas", new byte[0]);

        detector.start();

        await().atMost(WAIT).untilAsserted(() -> assertThat(detector.leader()).contains(URI.create("http://m1:5050")));
    }

    @Test
    void followsTheLeaderWhenItsNodeGoes() throws Exception {
        String first = registerMaster("m1", 5050);
        registerMaster("m2", 5051);
        detector.start();
        await().atMost(WAIT).untilAsserted(() -> assertThat(detector.leader()).contains(URI.create("http://m1:5050")));

        zk.delete().forPath(first);

        await().atMost(WAIT).untilAsserted(() -> assertThat(detector.leader()).contains(URI.create("http://m2:5051")));
        assertThat(changes).containsExactly(Optional.of(URI.create("http://m1:5050")), Optional.of(URI.create("http://m2:5051")));
    }

    @Test
    void reportsNoLeaderWhenTheLastMasterGoes() throws Exception {
        String only = registerMaster("m1", 5050);
        detector.start();
        await().atMost(WAIT).untilAsserted(() -> assertThat(detector.leader()).isPresent());

        zk.delete().forPath(only);

        await().atMost(WAIT).untilAsserted(() -> assertThat(detector.leader()).isEmpty());
        assertThat(changes).last().isEqualTo(Optional.empty());
    }

    @Test
    void aMasterWhoseSessionEndsIsNoLongerLeader() throws Exception {
        CuratorFramework masterSession = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        masterSession.start();
        masterSession.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath("/mesos/json.info_", "{\"address\":{\"ip\":\"10.0.0.9\",\"port\":5050}}".getBytes(StandardCharsets.UTF_8));
        registerMaster("m2", 5050);
        detector.start();
        await().atMost(WAIT).untilAsserted(() -> assertThat(detector.leader()).contains(URI.create("http://10.0.0.9:5050")));

        masterSession.close();

        await().atMost(WAIT).untilAsserted(() -> assertThat(detector.leader()).contains(URI.create("http://m2:5050")));
    }

    @Test
    void openedDetectorConnectsByItself() throws Exception {
        registerMaster("m1", 5050);
        MasterAddress.ZooKeeper address = (MasterAddress.ZooKeeper) MasterAddress.parse("zk://" + server.getConnectString() + "/mesos");

        try (ZooKeeperMasterDetector opened = ZooKeeperMasterDetector.open(address, "https", Thread.ofVirtual().factory())) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(opened.leader()).contains(URI.create("https://m1:5050")));
        }
    }
}
