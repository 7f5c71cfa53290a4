package org.mesoslogstash.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.mesos.master.ZooKeeperMasterDetector;

/** Master failover through ZooKeeper, and schedulers that go away and come back (or do not). */
class FailoverIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    private TestingServer zkServer;
    private CuratorFramework zk;
    private MesosSimulator simulator;
    private SchedulerHarness harness;
    private SchedulerHarness second;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {second, harness, simulator, zk, zkServer}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private void startWithZooKeeper() throws Exception {
        zkServer = new TestingServer(true);
        zk = CuratorFrameworkFactory.newClient(zkServer.getConnectString(), 5_000, 5_000, new RetryOneTime(100));
        zk.start();
        simulator = MesosSimulator.start(SimulatorConfig.fast(List.of(AgentSpec.standard("a1")), workDir)
                .withZooKeeper(zkServer.getConnectString(), "/mesos"));
        ZooKeeperMasterDetector detector = new ZooKeeperMasterDetector(zk, "/mesos", "http", Thread.ofVirtual().name("zk-detector").factory());
        detector.start();
        harness = new SchedulerHarness(detector);
    }

    private String launch(SchedulerHarness on, String taskId) {
        await().atMost(WAIT).until(() -> !on.scheduler.offers.isEmpty());
        Offer offer = on.scheduler.latestOfferFor("a1");
        on.launch(offer, SchedulerHarness.executorTask(offer, taskId, taskId + "-executor"));
        await().atMost(WAIT).until(() -> !on.scheduler.updatesIn(TaskState.TASK_RUNNING).isEmpty());
        return taskId;
    }

    @Test
    void afterAMasterFailoverTheSchedulerFollowsZooKeeperAndKeepsItsFrameworkId() throws Exception {
        startWithZooKeeper();
        harness.start(SchedulerHarness.framework("zk", 60));
        await().atMost(WAIT).until(() -> harness.scheduler.subscriptions() == 1);
        FrameworkID id = harness.client.frameworkId().orElseThrow();
        URI old = simulator.masterUri();

        URI leader = simulator.failoverMaster();

        await().atMost(WAIT).until(() -> harness.scheduler.subscriptions() == 2);
        assertThat(harness.client.frameworkId()).contains(id);
        assertThat(harness.scheduler.masters.get(1).getPort()).isEqualTo(leader.getPort());
        harness.client.revive(); // accepted by the new leader
        HttpResponse<Void> redirect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(old.resolve("/api/v1/scheduler"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Call.newBuilder().setType(Call.Type.REVIVE).build().toByteArray())).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Location")).contains("//" + leader.getAuthority() + "/api/v1/scheduler");
    }

    @Test
    void aSchedulerWithTheOldMastersAddressIsRedirectedToTheNewLeader() throws Exception {
        simulator = MesosSimulator.start(SimulatorConfig.fast(List.of(AgentSpec.standard("a1")), workDir));
        harness = SchedulerHarness.at(simulator.masterUri());
        harness.start(SchedulerHarness.framework("redirected", 60));
        await().atMost(WAIT).until(() -> harness.scheduler.subscriptions() == 1);

        URI leader = simulator.failoverMaster();

        await().atMost(WAIT).until(() -> harness.scheduler.subscriptions() == 2);
        assertThat(harness.scheduler.masters.get(1).getPort()).isEqualTo(leader.getPort());
    }

    @Test
    void aRestartedSchedulerWithItsFrameworkIdTakesOverTheRunningExecutor() throws Exception {
        simulator = MesosSimulator.start(SimulatorConfig.fast(List.of(AgentSpec.standard("a1")), workDir));
        harness = SchedulerHarness.at(simulator.masterUri());
        harness.start(SchedulerHarness.framework("restarted", 60));
        launch(harness, "t1");
        FrameworkID id = harness.client.frameworkId().orElseThrow();
        ProcessHandle executor = simulator.agent("a1").executors().get(0).process();

        harness.close();
        harness = null;
        second = SchedulerHarness.at(simulator.masterUri());
        second.start(SchedulerHarness.framework("restarted", 60).toBuilder().setId(id).build());
        await().atMost(WAIT).until(() -> second.scheduler.subscriptions() == 1);
        second.client.reconcile(List.of());

        await().atMost(WAIT).until(() -> !second.scheduler.updatesIn(TaskState.TASK_RUNNING).isEmpty());
        assertThat(second.client.frameworkId()).contains(id);
        assertThat(executor.isAlive()).isTrue();
        assertThat(simulator.agent("a1").executors()).hasSize(1);
    }

    @Test
    void aSchedulerAwayLongerThanItsFailoverTimeoutLosesItsFrameworkAndExecutors() throws Exception {
        simulator = MesosSimulator.start(SimulatorConfig.fast(List.of(AgentSpec.standard("a1")), workDir));
        harness = SchedulerHarness.at(simulator.masterUri());
        harness.start(SchedulerHarness.framework("short-lived", 1));
        launch(harness, "t1");
        FrameworkID id = harness.client.frameworkId().orElseThrow();
        ProcessHandle executor = simulator.agent("a1").executors().get(0).process();

        harness.close();
        harness = null;

        await().atMost(WAIT).until(() -> simulator.master().isRemoved(id));
        await().atMost(WAIT).until(() -> !executor.isAlive());
        var call = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
                .setFrameworkInfo(SchedulerHarness.framework("short-lived", 1).toBuilder().setId(id))).build();
        var response = RawHttp.post(simulator.masterUri().resolve("/api/v1/scheduler"), call.toByteArray(),
                java.util.Map.of("Content-Type", "application/x-protobuf", "Accept", "application/x-protobuf"));
        assertThat(response.statusCode()).isEqualTo(200);
        try (var body = response.body()) {
            var event = org.apache.mesos.v1.scheduler.Protos.Event.parseFrom(RawHttp.record(body));
            assertThat(event.getType()).isEqualTo(org.apache.mesos.v1.scheduler.Protos.Event.Type.ERROR);
            assertThat(event.getError().getMessage()).isEqualTo("Framework has been removed");
        }
    }
}
