package org.mesoslogstash.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.simulator.agent.SimulatedAgent;

/** Executors launched by the simulated agents as real processes running commons' executor client. */
class ExecutorLifecycleIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    private MesosSimulator simulator;
    private SchedulerHarness harness;

    @BeforeEach
    void start() throws Exception {
        simulator = MesosSimulator.start(SimulatorConfig.fast(List.of(AgentSpec.standard("a1"), AgentSpec.standard("a2")), workDir));
        harness = SchedulerHarness.at(simulator.masterUri());
        harness.start(SchedulerHarness.framework("lifecycle", 60));
        await().atMost(WAIT).until(() -> harness.scheduler.offers.size() >= 2);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        simulator.close();
    }

    private TaskInfo launchOn(String agentId, String taskId) {
        Offer offer = harness.scheduler.latestOfferFor(agentId);
        TaskInfo task = SchedulerHarness.executorTask(offer, taskId, taskId + "-executor");
        harness.launch(offer, task);
        return task;
    }

    private void awaitState(String taskId, TaskState state) {
        await().atMost(WAIT).until(() -> harness.scheduler.updates.stream()
                .anyMatch(s -> s.getTaskId().getValue().equals(taskId) && s.getState() == state));
    }

    private TaskStatus last(String taskId) {
        List<TaskStatus> of = harness.scheduler.updates.stream().filter(s -> s.getTaskId().getValue().equals(taskId)).toList();
        return of.get(of.size() - 1);
    }

    @Test
    void launchedExecutorRunsWithTheAgentsEnvironmentAndItsRunningUpdateIsAcknowledged() throws Exception {
        launchOn("a1", "t1");

        awaitState("t1", TaskState.TASK_RUNNING);
        TaskStatus running = last("t1");
        assertThat(running.hasUuid()).isTrue();
        assertThat(running.getAgentId().getValue()).isEqualTo("a1");
        assertThat(running.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        SimulatedAgent agent = simulator.agent("a1");
        await().atMost(WAIT).until(() -> agent.pendingStatusUpdates() == 0);
        SimulatedAgent.ExecutorView executor = agent.executors().get(0);
        assertThat(executor.process().isAlive()).isTrue();
        String stdout = Files.readString(executor.sandbox().resolve("stdout"));
        assertThat(stdout).contains("MESOS_AGENT_ENDPOINT=127.0.0.1:" + agent.port(),
                "MESOS_FRAMEWORK_ID=" + harness.client.frameworkId().orElseThrow().getValue(),
                "MESOS_EXECUTOR_ID=t1-executor", "MESOS_CHECKPOINT=1", "MESOS_RECOVERY_TIMEOUT=1mins",
                "MESOS_SUBSCRIPTION_BACKOFF_MAX=500ms", "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD=2secs",
                "MESOS_DIRECTORY=" + executor.sandbox(), "MESOS_SANDBOX=" + executor.sandbox());
        assertThat(stdout).contains("subscribed to a1");
    }

    @Test
    void frameworkMessagesGoBothWays() {
        launchOn("a1", "t1");
        awaitState("t1", TaskState.TASK_RUNNING);

        harness.client.message(last("t1").getAgentId(), ExecutorID.newBuilder().setValue("t1-executor").build(), ByteString.copyFromUtf8("ping"));

        await().atMost(WAIT).until(() -> !harness.scheduler.messages.isEmpty());
        assertThat(harness.scheduler.messages.get(0).getData().toStringUtf8()).isEqualTo("echo ping");
        assertThat(harness.scheduler.messages.get(0).getExecutorId().getValue()).isEqualTo("t1-executor");
    }

    @Test
    void droppedMessagesNeverReachTheExecutor() {
        launchOn("a1", "t1");
        awaitState("t1", TaskState.TASK_RUNNING);
        simulator.dropMessagesTo("a1", ExecutorID.newBuilder().setValue("t1-executor").build(), 1);

        harness.client.message(last("t1").getAgentId(), ExecutorID.newBuilder().setValue("t1-executor").build(), ByteString.copyFromUtf8("lost"));
        harness.client.message(last("t1").getAgentId(), ExecutorID.newBuilder().setValue("t1-executor").build(), ByteString.copyFromUtf8("kept"));

        await().atMost(WAIT).until(() -> !harness.scheduler.messages.isEmpty());
        assertThat(harness.scheduler.messages).extracting(m -> m.getData().toStringUtf8()).containsExactly("echo kept");
    }

    @Test
    void killedTaskEndsKilledAndTheExecutorExits() {
        launchOn("a1", "t1");
        awaitState("t1", TaskState.TASK_RUNNING);
        ProcessHandle process = simulator.agent("a1").executors().get(0).process();

        harness.client.kill(last("t1").getTaskId(), last("t1").getAgentId());

        awaitState("t1", TaskState.TASK_KILLED);
        await().atMost(WAIT).until(() -> !process.isAlive());
        await().atMost(WAIT).until(() -> simulator.agent("a1").executors().isEmpty());
        assertThat(harness.scheduler.failures).anySatisfy(f -> assertThat(f.getExecutorId().getValue()).isEqualTo("t1-executor"));
    }

    @Test
    void crashedExecutorFailsItsTaskWithExecutorTerminated() {
        launchOn("a1", "t1");
        awaitState("t1", TaskState.TASK_RUNNING);

        simulator.crashExecutor("a1", ExecutorID.newBuilder().setValue("t1-executor").build());

        awaitState("t1", TaskState.TASK_FAILED);
        TaskStatus failed = last("t1");
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
        assertThat(failed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_AGENT);
        assertThat(failed.hasUuid()).isTrue();
        await().atMost(WAIT).until(() -> !harness.scheduler.failures.isEmpty());
        assertThat(harness.scheduler.failures.get(0).getStatus()).isEqualTo(9); // killed by SIGKILL
    }

    @Test
    void dockerExecutorWhoseImageIsNotOnTheHostFailsToLaunchWithAClearMessage() {
        Offer offer = harness.scheduler.latestOfferFor("a2");
        TaskInfo task = SchedulerHarness.executorTask(offer, "docker", "docker-executor");
        task = task.toBuilder().setExecutor(task.getExecutor().toBuilder().setContainer(ContainerInfo.newBuilder()
                .setType(ContainerInfo.Type.DOCKER).setDocker(ContainerInfo.DockerInfo.newBuilder().setImage("mesos-logstash-test/absent:none")))).build();

        harness.launch(offer, task);

        awaitState("docker", TaskState.TASK_FAILED);
        assertThat(last("docker").getReason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(last("docker").getMessage()).contains("image 'mesos-logstash-test/absent:none' is not present on this host");
    }

    @Test
    void lostAgentsTasksAreLostAndItsExecutorKilled() {
        launchOn("a1", "t1");
        awaitState("t1", TaskState.TASK_RUNNING);
        ProcessHandle process = simulator.agent("a1").executors().get(0).process();

        simulator.loseAgent("a1");

        awaitState("t1", TaskState.TASK_LOST);
        assertThat(last("t1").getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
        await().atMost(WAIT).until(() -> !process.isAlive());
        assertThat(harness.scheduler.failures).anySatisfy(f -> {
            assertThat(f.getAgentId().getValue()).isEqualTo("a1");
            assertThat(f.hasExecutorId()).isFalse();
        });
    }

    @Test
    void afterAnAgentRestartTheExecutorResubscribesAndKeepsRunning() {
        launchOn("a1", "t1");
        awaitState("t1", TaskState.TASK_RUNNING);
        SimulatedAgent agent = simulator.agent("a1");
        ProcessHandle process = agent.executors().get(0).process();

        simulator.restartAgent("a1", Duration.ofSeconds(1));

        await().atMost(WAIT).until(() -> agent.executors().get(0).subscriptions() == 2 && agent.executors().get(0).subscribed());
        assertThat(process.isAlive()).isTrue();
        harness.client.message(last("t1").getAgentId(), ExecutorID.newBuilder().setValue("t1-executor").build(), ByteString.copyFromUtf8("again"));
        await().atMost(WAIT).until(() -> !harness.scheduler.messages.isEmpty());
    }

    @Test
    void teardownShutsTheFrameworksExecutorsDown() {
        launchOn("a1", "t1");
        awaitState("t1", TaskState.TASK_RUNNING);
        ProcessHandle process = simulator.agent("a1").executors().get(0).process();

        harness.client.teardown();

        await().atMost(WAIT).until(() -> !process.isAlive());
        assertThat(simulator.master().isRemoved(harness.client.frameworkId().orElseThrow())).isTrue();
    }

    @Test
    void anUnacknowledgedUpdateIsSentAgainUntilTheSchedulerAcknowledgesIt() {
        harness.scheduler.acknowledge = false;
        launchOn("a1", "t1");

        await().atMost(WAIT).until(() -> harness.scheduler.updatesIn(TaskState.TASK_RUNNING).size() >= 2);
        TaskStatus first = harness.scheduler.updatesIn(TaskState.TASK_RUNNING).get(0);
        assertThat(harness.scheduler.updatesIn(TaskState.TASK_RUNNING).get(1).getUuid()).isEqualTo(first.getUuid());
        harness.client.acknowledge(first.getAgentId(), first.getTaskId(), first.getUuid());

        await().atMost(WAIT).until(() -> simulator.agent("a1").pendingStatusUpdates() == 0);
    }
}
