package org.mesoslogstash.mesos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.mesos.http.MesosHttpClient;
import org.mesoslogstash.mesos.master.ZooKeeperMasterDetector;
import org.mesoslogstash.mesos.testsupport.FakeMesosMaster;

/** Master failover as a Mesos cluster does it: the leader's znode goes, the next master leads. */
class ZooKeeperFailoverTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private TestingServer zkServer;
    private CuratorFramework zk;
    private FakeMesosMaster first;
    private FakeMesosMaster second;
    private ZooKeeperMasterDetector detector;
    private HttpSchedulerClient client;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        zkServer = new TestingServer(true);
        zk = CuratorFrameworkFactory.newClient(zkServer.getConnectString(), 5_000, 5_000, new RetryOneTime(100));
        zk.start();
        first = FakeMesosMaster.start();
        second = FakeMesosMaster.start();
        detector = new ZooKeeperMasterDetector(zk, "/mesos", "http", Thread.ofVirtual().name("zk-detector").factory());
        client = new HttpSchedulerClient(detector, MesosHttpClient.create(Duration.ofSeconds(2)),
                SchedulerClientConfig.defaults(failures -> Duration.ofMillis(50)).withRequestTimeout(Duration.ofSeconds(5)),
                Thread.ofPlatform().name("mesos-events").factory());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        detector.close();
        first.close();
        second.close();
        zk.close();
        zkServer.close();
    }

    private String register(FakeMesosMaster master) throws Exception {
        String json = "{\"address\":{\"hostname\":\"127.0.0.1\",\"ip\":\"127.0.0.1\",\"port\":" + master.uri().getPort() + "}}";
        return zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath("/mesos/json.info_", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void resubscribesAtTheNewLeaderWithTheSameFrameworkId() throws Exception {
        String firstNode = register(first);
        register(second);
        detector.start();
        client.start(FrameworkInfo.newBuilder().setUser("root").setName("failover").build(), listener);
        await().atMost(WAIT).until(() -> listener.count("subscribed") == 1);
        FrameworkID id = first.frameworkId().orElseThrow();

        zk.delete().forPath(firstNode);

        await().atMost(WAIT).until(() -> listener.count("subscribed") == 2);
        assertThat(second.frameworkId()).contains(id);
        assertThat(listener.events.get(1)).startsWith("disconnected leading master changed to http://127.0.0.1:" + second.uri().getPort());
        client.revive();
        assertThat(second.requests()).last().extracting(FakeMesosMaster.Request::status).isEqualTo(202);
    }
}
