package org.mesoslogstash.scheduler.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.google.protobuf.ByteString;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.config.distribution.AppliedConfiguration;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.mesos.http.MesosHttpClient;
import org.mesoslogstash.mesos.master.StaticMasterDetector;
import org.mesoslogstash.mesos.scheduler.HttpSchedulerClient;
import org.mesoslogstash.mesos.scheduler.SchedulerClientConfig;
import org.mesoslogstash.mesos.testsupport.FakeMesosMaster;
import org.mesoslogstash.scheduler.SchedulerWiring;
import org.mesoslogstash.scheduler.distribution.ConfigurationSource;
import org.mesoslogstash.scheduler.distribution.DistributionStatus;
import org.mesoslogstash.scheduler.distribution.VersionedConfiguration;
import org.mesoslogstash.scheduler.distribution.ZooKeeperConfigurationStore;
import org.mesoslogstash.scheduler.framework.SchedulerProperties;
import org.mesoslogstash.scheduler.framework.ZooKeeperFrameworkIdStore;
import org.mesoslogstash.scheduler.placement.ActivityLog;
import org.mesoslogstash.scheduler.task.ZooKeeperTaskStore;
import org.mesoslogstash.scheduler.testsupport.MutableClock;
import org.mesoslogstash.scheduler.testsupport.Offers;
import org.mesoslogstash.scheduler.testsupport.TestProperties;

/**
 * The whole scheduler (HTTP client, ZooKeeper stores, timers) against commons' fake master speaking the
 * real wire format, and a real ZooKeeper: first placement, acknowledgements, a scheduler restart that
 * takes over the executors without placing a second one, and teardown.
 */
class SchedulerAgainstFakeMasterIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestingServer zooKeeper;
    private CuratorFramework zk;
    private FakeMesosMaster master;
    private ScheduledExecutorService timers;
    private LogstashScheduler scheduler;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        zooKeeper = new TestingServer(true);
        zk = CuratorFrameworkFactory.newClient(zooKeeper.getConnectString(), new RetryOneTime(100));
        zk.start();
        master = FakeMesosMaster.start();
        timers = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
        timers.shutdownNow();
        master.close();
        zk.close();
        zooKeeper.close();
    }

    private LogstashScheduler newScheduler() {
        return newScheduler(Optional::empty);
    }

    private LogstashScheduler newScheduler(ConfigurationSource configuration) {
        SchedulerProperties properties = TestProperties.forMaster(master.uri().toString(), zooKeeper.getConnectString());
        HttpSchedulerClient client = new HttpSchedulerClient(new StaticMasterDetector(List.of(master.uri())),
                MesosHttpClient.create(Duration.ofSeconds(5)),
                SchedulerClientConfig.defaults(failures -> Duration.ofMillis(100)), Thread.ofVirtual().name("mesos-events").factory());
        LogstashScheduler created = SchedulerWiring.create(properties, client, new ZooKeeperFrameworkIdStore(zk, properties.zkPath()),
                new ZooKeeperTaskStore(zk, properties.zkPath()), new ActivityLog(100), clock, timers, configuration);
        created.start();
        return created;
    }

    private List<Call> calls(Call.Type type) {
        return master.acceptedCalls().stream().filter(c -> c.getType() == type).toList();
    }

    private void offer(String offerId, String agentId) {
        Offer offer = Offers.builder(offerId, agentId, 4, 4096, 10_000).setFrameworkId(master.frameworkId().orElseThrow()).build();
        master.sendEvent(Event.newBuilder().setType(Event.Type.OFFERS).setOffers(Event.Offers.newBuilder().addOffers(offer)).build());
    }

    private void update(String taskId, String agentId, TaskState state, boolean withUuid) {
        TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(AgentID.newBuilder().setValue(agentId)).setState(state).setSource(TaskStatus.Source.SOURCE_EXECUTOR);
        if (withUuid) {
            status.setUuid(ByteString.copyFromUtf8(taskId + state));
        } else {
            status.setReason(TaskStatus.Reason.REASON_RECONCILIATION).setSource(TaskStatus.Source.SOURCE_MASTER);
        }
        master.sendEvent(Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(status)).build());
    }

    private String launchedOn(String agentId) {
        return calls(Call.Type.ACCEPT).stream()
                .map(c -> c.getAccept().getOperations(0).getLaunch().getTaskInfos(0))
                .filter(t -> t.getAgentId().getValue().equals(agentId))
                .map(t -> t.getTaskId().getValue())
                .findFirst().orElseThrow();
    }

    @Test
    void placesOneExecutorPerAgentSurvivesARestartAndTearsDown() {
        scheduler = newScheduler();
        await().atMost(WAIT).until(() -> scheduler.status().subscribed() && !scheduler.status().reconciling());
        assertThat(calls(Call.Type.RECONCILE)).singleElement().satisfies(c -> assertThat(c.getReconcile().getTasksList()).isEmpty());

        offer("o1", "a1");
        offer("o2", "a2");
        await().atMost(WAIT).until(() -> calls(Call.Type.ACCEPT).size() == 2);
        offer("o3", "a1");
        await().atMost(WAIT).until(() -> calls(Call.Type.DECLINE).size() == 1);
        assertThat(calls(Call.Type.DECLINE).getFirst().getDecline().getFilters().getRefuseSeconds()).isEqualTo(3600);

        String task1 = launchedOn("a1");
        String task2 = launchedOn("a2");
        update(task1, "a1", TaskState.TASK_RUNNING, true);
        update(task2, "a2", TaskState.TASK_RUNNING, true);
        await().atMost(WAIT).until(() -> calls(Call.Type.ACKNOWLEDGE).size() == 2);
        String frameworkId = master.frameworkId().orElseThrow().getValue();

        // SIGTERM: the executors stay; a new scheduler subscribes as the same framework and asks about them.
        scheduler.close();
        assertThat(calls(Call.Type.KILL)).isEmpty();
        long subscriptionsBefore = master.subscriptions();
        scheduler = newScheduler();
        await().atMost(WAIT).until(() -> master.subscriptions() == subscriptionsBefore + 1 && calls(Call.Type.RECONCILE).size() == 2);
        Call resubscribe = master.acceptedCalls().stream().filter(c -> c.getType() == Call.Type.SUBSCRIBE).toList().getLast();
        assertThat(resubscribe.getSubscribe().getFrameworkInfo().getId().getValue()).isEqualTo(frameworkId);
        assertThat(calls(Call.Type.RECONCILE).getLast().getReconcile().getTasksList()).extracting(t -> t.getTaskId().getValue())
                .containsExactlyInAnyOrder(task1, task2);

        offer("o4", "a3"); // declined: reconciliation is not complete
        await().atMost(WAIT).until(() -> calls(Call.Type.DECLINE).size() == 2);
        update(task1, "a1", TaskState.TASK_RUNNING, false);
        update(task2, "a2", TaskState.TASK_RUNNING, false);
        await().atMost(WAIT).until(() -> !scheduler.status().reconciling());
        offer("o5", "a1");
        offer("o6", "a3");
        await().atMost(WAIT).until(() -> calls(Call.Type.ACCEPT).size() == 3 && calls(Call.Type.DECLINE).size() == 3);
        assertThat(launchedOn("a3")).isNotNull();
        assertThat(calls(Call.Type.ACCEPT)).extracting(c -> c.getAccept().getOperations(0).getLaunch().getTaskInfos(0).getAgentId().getValue())
                .containsExactly("a1", "a2", "a3");

        scheduler.teardown();

        assertThat(calls(Call.Type.KILL)).extracting(c -> c.getKill().getTaskId().getValue()).contains(task1, task2);
        assertThat(calls(Call.Type.TEARDOWN)).hasSize(1);
        assertThat(new ZooKeeperFrameworkIdStore(zk, "/mesos-logstash").load()).isEmpty();
        assertThat(new ZooKeeperTaskStore(zk, "/mesos-logstash").load()).isEmpty();
    }

    @Test
    void aCrashedExecutorIsRelaunchedOnItsAgentAfterTheBackoffAndAGoneAgentIsForgotten() {
        scheduler = newScheduler();
        await().atMost(WAIT).until(() -> scheduler.status().subscribed() && !scheduler.status().reconciling());
        offer("o1", "a1");
        await().atMost(WAIT).until(() -> calls(Call.Type.ACCEPT).size() == 1);
        String first = launchedOn("a1");
        update(first, "a1", TaskState.TASK_RUNNING, true);
        long revives = calls(Call.Type.REVIVE).size();

        update(first, "a1", TaskState.TASK_FAILED, true);
        await().atMost(WAIT).until(() -> calls(Call.Type.REVIVE).size() == revives + 1 && calls(Call.Type.ACKNOWLEDGE).size() == 2);
        offer("o2", "a1");
        await().atMost(WAIT).until(() -> calls(Call.Type.DECLINE).size() == 1);
        assertThat(calls(Call.Type.DECLINE).getFirst().getDecline().getFilters().getRefuseSeconds()).isEqualTo(10);

        clock.advance(Duration.ofSeconds(10));
        offer("o3", "a1");
        await().atMost(WAIT).until(() -> calls(Call.Type.ACCEPT).size() == 2);
        String second = calls(Call.Type.ACCEPT).getLast().getAccept().getOperations(0).getLaunch().getTaskInfos(0).getTaskId().getValue();
        assertThat(second).isNotEqualTo(first);
        assertThat(new ZooKeeperTaskStore(zk, "/mesos-logstash").load()).containsEntry("a1", second);

        update(second, "a1", TaskState.TASK_GONE, true);
        await().atMost(WAIT).until(() -> new ZooKeeperTaskStore(zk, "/mesos-logstash").load().isEmpty());
    }

    @Test
    void aChangedConfigurationIsSentToTheRunningExecutorUntilItReportsIt() {
        VersionedConfiguration configuration = VersionedConfiguration.load(new ZooKeeperConfigurationStore(zk, "/mesos-logstash"),
                Optional.of("{\"v\":1}"), List.of());
        scheduler = newScheduler(configuration);
        await().atMost(WAIT).until(() -> scheduler.status().subscribed() && !scheduler.status().reconciling());
        offer("o1", "a1");
        await().atMost(WAIT).until(() -> calls(Call.Type.ACCEPT).size() == 1);
        String task = launchedOn("a1");
        master.sendEvent(running(task, "a1", AppliedConfiguration.labels(1)));
        await().atMost(WAIT).until(() -> calls(Call.Type.ACKNOWLEDGE).size() == 1);

        configuration.update("{\"v\":2}", List.of());

        await().atMost(WAIT).until(() -> calls(Call.Type.MESSAGE).size() == 1);
        Call.Message message = calls(Call.Type.MESSAGE).getFirst().getMessage();
        assertThat(message.getAgentId().getValue()).isEqualTo("a1");
        assertThat(message.getExecutorId().getValue()).isEqualTo("executor." + task);
        assertThat(CollectorAssignment.parse(message.getData())).isEqualTo(new CollectorAssignment(2, "{\"v\":2}"));
        clock.advance(Duration.ofSeconds(10)); // the message was dropped: sent again
        await().atMost(WAIT).until(() -> calls(Call.Type.MESSAGE).size() == 2);

        master.sendEvent(running(task, "a1", AppliedConfiguration.labels(2)));
        await().atMost(WAIT).until(() -> scheduler.configurationStatus().executors().getFirst().state() == DistributionStatus.State.APPLIED);
    }

    private static Event running(String taskId, String agentId, Labels labels) {
        TaskStatus status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId)).setAgentId(AgentID.newBuilder().setValue(agentId))
                .setState(TaskState.TASK_RUNNING).setSource(TaskStatus.Source.SOURCE_EXECUTOR).setLabels(labels)
                .setUuid(ByteString.copyFromUtf8(taskId + labels.hashCode())).build();
        return Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(status)).build();
    }
}
