package org.mesoslogstash.scheduler.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.config.distribution.AppliedConfiguration;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.mesos.http.MesosCallException;
import org.mesoslogstash.mesos.scheduler.SchedulerClient;
import org.mesoslogstash.scheduler.SchedulerWiring;
import org.mesoslogstash.scheduler.framework.SchedulerProperties;
import org.mesoslogstash.scheduler.placement.ActivityLog;
import org.mesoslogstash.scheduler.testsupport.InMemoryStores;
import org.mesoslogstash.scheduler.testsupport.MutableClock;
import org.mesoslogstash.scheduler.testsupport.Offers;
import org.mesoslogstash.scheduler.testsupport.TestProperties;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class LogstashSchedulerTest {

    private static final FrameworkID FRAMEWORK = FrameworkID.newBuilder().setValue("fw-1").build();
    private static final MasterInfo MASTER = MasterInfo.newBuilder().setId("m").setIp(1).setPort(5050).setHostname("master").build();

    private final SchedulerClient client = mock(SchedulerClient.class);
    private final ScheduledExecutorService timers = mock(ScheduledExecutorService.class);
    private final InMemoryStores stores = new InMemoryStores();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ActivityLog activity = new ActivityLog(100);

    private LogstashScheduler scheduler(SchedulerProperties properties) {
        return SchedulerWiring.create(properties, client, stores.frameworkIds(), stores.taskStore(), activity, clock, timers);
    }

    private LogstashScheduler subscribedScheduler() {
        LogstashScheduler scheduler = scheduler(TestProperties.defaults());
        scheduler.start();
        scheduler.subscribed(FRAMEWORK, Duration.ofSeconds(15), MASTER);
        return scheduler;
    }

    private TaskInfo acceptedTask(String offerId) {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<Offer.Operation>> operations = ArgumentCaptor.forClass(List.class);
        verify(client).accept(eq(List.of(Offers.offer(offerId, "x", 0, 0, 0).getId())), operations.capture(), any(Filters.class));
        assertThat(operations.getValue()).hasSize(1);
        assertThat(operations.getValue().getFirst().getType()).isEqualTo(Offer.Operation.Type.LAUNCH);
        return operations.getValue().getFirst().getLaunch().getTaskInfos(0);
    }

    private static TaskStatus status(String taskId, String agentId, TaskState state, boolean withUuid) {
        TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(AgentID.newBuilder().setValue(agentId)).setState(state);
        if (withUuid) {
            status.setUuid(ByteString.copyFromUtf8("uuid-" + taskId + "-" + state));
        }
        return status.build();
    }

    private Filters declinedWith(String offerId) {
        ArgumentCaptor<Filters> filters = ArgumentCaptor.forClass(Filters.class);
        verify(client).decline(eq(List.of(Offers.offer(offerId, "x", 0, 0, 0).getId())), filters.capture());
        return filters.getValue();
    }

    private List<String> declineReasons() {
        return activity.recent().stream().filter(a -> a.kind() == ActivityLog.Kind.OFFER_DECLINED).map(ActivityLog.Activity::detail).toList();
    }

    @Test
    void anOfferFromAnAgentWithoutExecutorIsAcceptedWithTheDockerExecutorTask() {
        LogstashScheduler scheduler = subscribedScheduler();

        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));

        TaskInfo task = acceptedTask("o1");
        assertThat(task.getAgentId().getValue()).isEqualTo("a1");
        assertThat(task.getExecutor().getContainer().getDocker().getImage()).isEqualTo("mesos-logstash/executor:latest");
        assertThat(task.getExecutor().getContainer().getDocker().getNetwork().name()).isEqualTo("HOST");
        assertThat(task.getExecutor().getContainer().getVolumesList()).extracting(v -> v.getHostPath() + "->" + v.getContainerPath())
                .containsExactly("/var/run/docker.sock->/var/run/docker.sock", "/var/lib/mesos-logstash->/var/lib/mesos-logstash");
        assertThat(task.getExecutor().getResourcesList()).extracting(r -> r.getName() + "=" + r.getScalar().getValue())
                .containsExactly("cpus=0.5", "mem=256.0", "disk=256.0");
        assertThat(task.getResourcesList()).extracting(r -> r.getName() + "=" + r.getScalar().getValue()).containsExactly("mem=1024.0");
        assertThat(stores.tasks).containsEntry("a1", task.getTaskId().getValue());
    }

    @Test
    void subscribingStoresTheFrameworkIdAndSubscribesWithItAfterARestart() {
        subscribedScheduler().close();
        assertThat(stores.frameworkId).contains(FRAMEWORK);

        scheduler(TestProperties.defaults()).start();

        ArgumentCaptor<FrameworkInfo> info = ArgumentCaptor.forClass(FrameworkInfo.class);
        verify(client, times(2)).start(info.capture(), any());
        assertThat(info.getAllValues().get(0).hasId()).isFalse();
        assertThat(info.getAllValues().get(1).getId()).isEqualTo(FRAMEWORK);
        assertThat(info.getAllValues().get(1).getCheckpoint()).isTrue();
        assertThat(info.getAllValues().get(1).getFailoverTimeout()).isEqualTo(7 * 24 * 3600.0);
    }

    @Test
    void aSecondOfferForAnAgentWhoseLaunchIsPendingIsDeclinedWithTheReason() {
        LogstashScheduler scheduler = subscribedScheduler();
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));

        scheduler.offers(List.of(Offers.offer("o2", "a1", 4, 4096, 10_000)));

        assertThat(declinedWith("o2").getRefuseSeconds()).isEqualTo(3600);
        assertThat(declineReasons()).containsExactly("host-a1: agent already has an executor");
    }

    @Test
    void twoOffersForOneAgentInOneEventLaunchOnlyOnce() {
        LogstashScheduler scheduler = subscribedScheduler();

        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000), Offers.offer("o2", "a1", 4, 4096, 10_000)));

        verify(client, times(1)).accept(anyList(), anyList(), any());
        declinedWith("o2");
    }

    @Test
    void anOfferTooSmallIsDeclinedNamingEveryMissingResource() {
        LogstashScheduler scheduler = subscribedScheduler();

        scheduler.offers(List.of(Offers.offer("o1", "a1", 0.25, 256, 10_000)));

        assertThat(declinedWith("o1").getRefuseSeconds()).isEqualTo(30);
        assertThat(declineReasons()).containsExactly(
                "host-a1: not enough cpus: offered 0.25, need 0.50; not enough mem: offered 256 MiB, need 1280 MiB");
        verify(client, never()).accept(anyList(), anyList(), any());
    }

    @Test
    void anAgentNotMatchingAConstraintIsDeclined() {
        LogstashScheduler scheduler = scheduler(TestProperties.with(List.of("rack:r1"), TestProperties.dockerExecutor()));
        scheduler.start();
        scheduler.subscribed(FRAMEWORK, Duration.ofSeconds(15), MASTER);

        scheduler.offers(List.of(Offers.withAttribute(Offers.offer("o1", "a1", 4, 4096, 10_000), "rack", "r2"),
                Offers.withAttribute(Offers.offer("o2", "a2", 4, 4096, 10_000), "rack", "r1")));

        declinedWith("o1");
        assertThat(declineReasons()).containsExactly("host-a1: agent attribute rack=r2 does not match constraint rack:r1");
        assertThat(acceptedTask("o2").getAgentId().getValue()).isEqualTo("a2");
    }

    @Test
    void offersAreDeclinedUntilEveryKnownTaskIsReconciledThenImplicitReconciliationFollows() {
        stores.tasks.put("a1", "task-1");
        LogstashScheduler scheduler = subscribedScheduler();
        verify(client).reconcile(List.of(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("task-1"))
                .setAgentId(AgentID.newBuilder().setValue("a1")).build()));

        scheduler.offers(List.of(Offers.offer("o1", "a2", 4, 4096, 10_000)));
        assertThat(declineReasons()).containsExactly("host-a2: reconciliation in progress");

        scheduler.update(status("task-1", "a1", TaskState.TASK_RUNNING, false));
        InOrder order = inOrder(client);
        order.verify(client).reconcile(List.of());
        order.verify(client).revive();

        scheduler.offers(List.of(Offers.offer("o2", "a2", 4, 4096, 10_000), Offers.offer("o3", "a1", 4, 4096, 10_000)));
        assertThat(acceptedTask("o2").getAgentId().getValue()).isEqualTo("a2");
        declinedWith("o3");
        verify(client, never()).acknowledge(any(), any(), any()); // reconciliation answers carry no uuid
    }

    @Test
    void reconciliationThatGetsNoAnswerEndsAtTheTimeoutAndAsksAgain() {
        stores.tasks.put("a1", "task-1");
        LogstashScheduler scheduler = subscribedScheduler();
        ArgumentCaptor<Runnable> timeout = ArgumentCaptor.forClass(Runnable.class);
        verify(timers).schedule(timeout.capture(), eq(30_000L), eq(TimeUnit.MILLISECONDS));

        timeout.getValue().run();

        verify(client).reconcile(List.of());
        verify(client, times(2)).reconcile(List.of(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("task-1"))
                .setAgentId(AgentID.newBuilder().setValue("a1")).build()));
        assertThat(scheduler.status().reconciling()).isFalse();
        // task-1 is still unconfirmed, so a1 keeps counting as placed
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));
        assertThat(declineReasons()).containsExactly("host-a1: agent already has an executor");
    }

    @Test
    void everyResubscriptionReconcilesAgain() {
        LogstashScheduler scheduler = subscribedScheduler();
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));
        String taskId = acceptedTask("o1").getTaskId().getValue();

        scheduler.disconnected("stream ended");
        scheduler.subscribed(FRAMEWORK, Duration.ofSeconds(15), MASTER);

        verify(client).reconcile(List.of(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(AgentID.newBuilder().setValue("a1")).build()));
        assertThat(scheduler.status().reconciling()).isTrue();
    }

    @Test
    void aFailedExecutorIsRelaunchedOnlyAfterItsBackoff() {
        LogstashScheduler scheduler = subscribedScheduler();
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));
        String taskId = acceptedTask("o1").getTaskId().getValue();
        scheduler.update(status(taskId, "a1", TaskState.TASK_RUNNING, true));

        scheduler.update(status(taskId, "a1", TaskState.TASK_FAILED, true));
        verify(client, times(2)).revive(); // after reconciliation, and now for the relaunch
        assertThat(stores.tasks).doesNotContainKey("a1");

        scheduler.offers(List.of(Offers.offer("o2", "a1", 4, 4096, 10_000)));
        assertThat(declinedWith("o2").getRefuseSeconds()).isEqualTo(10);
        assertThat(declineReasons()).containsExactly("host-a1: relaunch backoff until 2026-01-01T00:00:10Z");

        clock.advance(Duration.ofSeconds(10));
        scheduler.offers(List.of(Offers.offer("o3", "a1", 4, 4096, 10_000)));
        assertThat(acceptedTask("o3").getAgentId().getValue()).isEqualTo("a1");
    }

    @Test
    void theBackoffDoublesWithEachFailureInARow() {
        LogstashScheduler scheduler = subscribedScheduler();
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));
        scheduler.update(status(acceptedTask("o1").getTaskId().getValue(), "a1", TaskState.TASK_FAILED, true));
        clock.advance(Duration.ofSeconds(10));
        scheduler.offers(List.of(Offers.offer("o2", "a1", 4, 4096, 10_000)));

        scheduler.update(status(acceptedTask("o2").getTaskId().getValue(), "a1", TaskState.TASK_LOST, true));
        scheduler.offers(List.of(Offers.offer("o3", "a1", 4, 4096, 10_000)));

        assertThat(declinedWith("o3").getRefuseSeconds()).isEqualTo(20);
    }

    @Test
    void anUpdateIsAcknowledgedOnlyAfterItsEffectIsStored() {
        LogstashScheduler scheduler = subscribedScheduler();
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));
        String taskId = acceptedTask("o1").getTaskId().getValue();
        TaskStatus failed = status(taskId, "a1", TaskState.TASK_FAILED, true);

        stores.failWrites = true;
        scheduler.update(failed);
        verify(client, never()).acknowledge(any(), any(), any());
        assertThat(stores.tasks).containsKey("a1");

        stores.failWrites = false;
        scheduler.update(failed); // Mesos sends it again
        verify(client).acknowledge(failed.getAgentId(), failed.getTaskId(), failed.getUuid());
        assertThat(stores.tasks).doesNotContainKey("a1");
    }

    @Test
    void aLaunchIsNotSentWhenItsTaskIdCannotBeStored() {
        LogstashScheduler scheduler = subscribedScheduler();
        stores.failWrites = true;

        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));

        verify(client, never()).accept(anyList(), anyList(), any());
        declinedWith("o1");
    }

    @Test
    void aLaunchTheMasterRefusesFreesTheAgentAfterBackoff() {
        LogstashScheduler scheduler = subscribedScheduler();
        doThrow(new MesosCallException("ACCEPT", java.net.URI.create("http://m:5050"), 400, "bad"))
                .when(client).accept(anyList(), anyList(), any());

        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));

        assertThat(stores.tasks).isEmpty();
        assertThat(scheduler.status().agentsWithExecutor()).isZero();
        scheduler.offers(List.of(Offers.offer("o2", "a1", 4, 4096, 10_000)));
        assertThat(declineReasons()).singleElement().asString().contains("relaunch backoff until");
    }

    @Test
    void aRemovedAgentIsForgotten() {
        LogstashScheduler scheduler = subscribedScheduler();
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));

        scheduler.failure(Event.Failure.newBuilder().setAgentId(AgentID.newBuilder().setValue("a1")).build());

        assertThat(stores.tasks).isEmpty();
        assertThat(scheduler.status().agentsWithExecutor()).isZero();
    }

    @Test
    void aGoneTaskIsForgottenWithoutBackoff() {
        LogstashScheduler scheduler = subscribedScheduler();
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));

        scheduler.update(status(acceptedTask("o1").getTaskId().getValue(), "a1", TaskState.TASK_GONE, true));
        scheduler.offers(List.of(Offers.offer("o2", "a1", 4, 4096, 10_000)));

        verify(client, times(2)).accept(anyList(), anyList(), any());
    }

    @Test
    void aSecondLiveTaskOnAnAgentIsKilled() {
        LogstashScheduler scheduler = subscribedScheduler();
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));
        scheduler.update(status(acceptedTask("o1").getTaskId().getValue(), "a1", TaskState.TASK_RUNNING, true));

        TaskStatus stray = status("old-task", "a1", TaskState.TASK_RUNNING, false);
        scheduler.update(stray);

        verify(client).kill(stray.getTaskId(), stray.getAgentId());
    }

    @Test
    void aRunningTaskTheSchedulerDidNotKnowIsAdopted() {
        LogstashScheduler scheduler = subscribedScheduler();

        scheduler.update(status("found", "a1", TaskState.TASK_RUNNING, false));
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));

        assertThat(stores.tasks).containsEntry("a1", "found");
        declinedWith("o1");
    }

    @Test
    void teardownKillsEveryTaskRemovesTheFrameworkAndForgetsItsId() {
        LogstashScheduler scheduler = subscribedScheduler();
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000), Offers.offer("o2", "a2", 4, 4096, 10_000)));

        scheduler.teardown();

        verify(client, times(2)).kill(any(TaskID.class), any(AgentID.class));
        InOrder order = inOrder(client);
        order.verify(client, times(2)).kill(any(TaskID.class), any(AgentID.class));
        order.verify(client).teardown();
        assertThat(stores.frameworkId).isEmpty();
        assertThat(stores.tasks).isEmpty();
        assertThat(scheduler.status().tornDown()).isTrue();
    }

    @Test
    void teardownWhileNotSubscribedIsRefused() {
        LogstashScheduler scheduler = scheduler(TestProperties.defaults());
        scheduler.start();

        assertThatThrownBy(scheduler::teardown).isInstanceOf(IllegalStateException.class).hasMessageContaining("not subscribed");
        verify(client, never()).teardown();
    }

    @Test
    void closingLeavesTheExecutorsRunningAndTheFrameworkIdStored() {
        LogstashScheduler scheduler = subscribedScheduler();
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));

        scheduler.close();

        verify(client).close();
        verify(client, never()).kill(any(), any());
        verify(client, never()).shutdown(any(ExecutorID.class), any());
        verify(client, never()).teardown();
        assertThat(stores.frameworkId).contains(FRAMEWORK);
        assertThat(stores.tasks).containsKey("a1");
    }

    @Test
    void aCommandExecutorFetchesItsUrisAndRunsTheJar() {
        SchedulerProperties.Executor command = new SchedulerProperties.Executor(0.5, 256, 512, 1024, 256, SchedulerProperties.LaunchMode.COMMAND,
                "unused", "/var/lib/mesos-logstash", List.of("http://repo/mesos-logstash-executor.jar"), "java -jar mesos-logstash-executor.jar");
        LogstashScheduler scheduler = scheduler(TestProperties.with(List.of(), command));
        scheduler.start();
        scheduler.subscribed(FRAMEWORK, Duration.ofSeconds(15), MASTER);

        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));

        TaskInfo task = acceptedTask("o1");
        assertThat(task.getExecutor().hasContainer()).isFalse();
        assertThat(task.getExecutor().getCommand().getValue()).isEqualTo("java -jar mesos-logstash-executor.jar");
        assertThat(task.getExecutor().getCommand().getUrisList()).extracting(u -> u.getValue())
                .containsExactly("http://repo/mesos-logstash-executor.jar");
    }

    @Test
    void aFrameworkRemovedByMesosIsForgottenAndTheClientStopped() {
        LogstashScheduler scheduler = subscribedScheduler();
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));

        scheduler.error("Framework has been removed");

        assertThat(stores.frameworkId).isEmpty();
        assertThat(stores.tasks).isEmpty();
        verify(client).close();
        assertThat(scheduler.status().subscribed()).isFalse();
        assertThat(scheduler.status().lastError()).get().asString().contains("restart the scheduler");
    }

    @Test
    void anotherErrorIsReportedButChangesNothing() {
        LogstashScheduler scheduler = subscribedScheduler();

        scheduler.error("Not authorized to use role 'x'");

        assertThat(stores.frameworkId).contains(FRAMEWORK);
        verify(client, never()).close();
        assertThat(scheduler.status().lastError()).contains("Not authorized to use role 'x'");
    }

    @Test
    void periodicReconciliationAsksExplicitlyForTasksMesosHasNotReportedOn() {
        LogstashScheduler scheduler = subscribedScheduler();
        ArgumentCaptor<Runnable> periodic = ArgumentCaptor.forClass(Runnable.class);
        verify(timers).scheduleWithFixedDelay(periodic.capture(), eq(900_000L), eq(900_000L), eq(TimeUnit.MILLISECONDS));
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000), Offers.offer("o2", "a2", 4, 4096, 10_000)));
        String silent = acceptedTask("o1").getTaskId().getValue();
        scheduler.update(status(acceptedTask("o2").getTaskId().getValue(), "a2", TaskState.TASK_RUNNING, true));
        clock.advance(Duration.ofMinutes(15));

        periodic.getValue().run();

        verify(client).reconcile(List.of(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue(silent))
                .setAgentId(AgentID.newBuilder().setValue("a1")).build()));
        verify(client, times(2)).reconcile(List.of()); // after subscribing, and now
    }

    @Test
    void beforeTheFirstSubscriptionNothingIsLaunched() {
        LogstashScheduler scheduler = scheduler(TestProperties.defaults());
        scheduler.start();

        assertThat(scheduler.status()).extracting(SchedulerStatus::subscribed, SchedulerStatus::reconciling).containsExactly(false, true);
        assertThat(scheduler.status().frameworkId()).isEqualTo(Optional.empty());
        verify(timers, never()).schedule(any(Runnable.class), anyLong(), any());
    }

    @Test
    void aRunningExecutorReportingAnOlderConfigurationIsSentTheCurrentOneAfterTheAcknowledgementAndAgainOnTheTimer() {
        CollectorAssignment current = new CollectorAssignment(2, "{\"sinks\":[]}");
        LogstashScheduler scheduler = SchedulerWiring.create(TestProperties.defaults(), client, stores.frameworkIds(), stores.taskStore(),
                activity, clock, timers, () -> Optional.of(current));
        scheduler.start();
        scheduler.subscribed(FRAMEWORK, Duration.ofSeconds(15), MASTER);
        ArgumentCaptor<Runnable> distribution = ArgumentCaptor.forClass(Runnable.class);
        verify(timers).scheduleWithFixedDelay(distribution.capture(), eq(1_000L), eq(1_000L), eq(TimeUnit.MILLISECONDS));
        scheduler.offers(List.of(Offers.offer("o1", "a1", 4, 4096, 10_000)));
        TaskInfo task = acceptedTask("o1");

        scheduler.update(status(task.getTaskId().getValue(), "a1", TaskState.TASK_RUNNING, true).toBuilder()
                .setExecutorId(task.getExecutor().getExecutorId()).setLabels(AppliedConfiguration.labels(1)).build());

        InOrder order = inOrder(client);
        order.verify(client).acknowledge(any(), any(), any());
        order.verify(client).message(AgentID.newBuilder().setValue("a1").build(), task.getExecutor().getExecutorId(), current.toByteString());
        clock.advance(Duration.ofSeconds(10));
        distribution.getValue().run();
        verify(client, times(2)).message(any(), any(), eq(current.toByteString()));
        assertThat(scheduler.configurationStatus().executors()).extracting(e -> e.state().name()).containsExactly("PENDING");
    }
}
