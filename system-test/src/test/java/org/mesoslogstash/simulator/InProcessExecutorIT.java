package org.mesoslogstash.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.config.distribution.AppliedConfiguration;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.mesos.http.MesosHttpClient;
import org.mesoslogstash.simulator.agent.SimulatedAgent;
import org.mesoslogstash.simulator.executor.InProcessExecutors;

/** Executors run inside the simulator (the benchmark's mode), still over the agents' real executor API. */
class InProcessExecutorIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MARKER = "simulated-collector-executor";
    private static final List<String> AGENTS = List.of("a1", "a2", "a3");

    @TempDir
    Path workDir;

    private MesosSimulator simulator;
    private SchedulerHarness harness;

    @BeforeEach
    void start() throws Exception {
        SimulatorConfig config = SimulatorConfig.fast(AGENTS.stream().map(AgentSpec::standard).toList(), workDir)
                .withInProcessExecutors(InProcessExecutors.collectorExecutors(MARKER, MesosHttpClient.create(Duration.ofSeconds(2))));
        simulator = MesosSimulator.start(config);
        harness = SchedulerHarness.at(simulator.masterUri());
        harness.start(SchedulerHarness.framework("in-process", 60));
        await().atMost(WAIT).until(() -> harness.scheduler.offers.stream().map(o -> o.getAgentId().getValue()).distinct().count() == AGENTS.size());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        simulator.close();
    }

    private void launchEverywhere(long version) {
        for (String agent : AGENTS) {
            Offer offer = harness.scheduler.latestOfferFor(agent);
            TaskInfo task = SchedulerHarness.executorTask(offer, "t-" + agent, "e-" + agent);
            task = task.toBuilder().setData(new CollectorAssignment(version, "{}").toByteString())
                    .setExecutor(task.getExecutor().toBuilder().setCommand(CommandInfo.newBuilder().setShell(true).setValue(MARKER))).build();
            harness.launch(offer, task);
        }
    }

    private OptionalLong latestAppliedVersion(String agent) {
        return harness.scheduler.updates.stream().filter(s -> s.getTaskId().getValue().equals("t-" + agent))
                .reduce((first, second) -> second).map(AppliedConfiguration::appliedVersion).orElse(OptionalLong.empty());
    }

    @Test
    void launchedExecutorsRunInProcessAndReportTheAssignedVersion() {
        launchEverywhere(3);

        await().atMost(WAIT).until(() -> AGENTS.stream().allMatch(a -> latestAppliedVersion(a).equals(OptionalLong.of(3))));
        assertThat(simulator.master().taskStatuses()).hasSize(3).allMatch(s -> s.getState() == TaskState.TASK_RUNNING
                && s.getSource() == TaskStatus.Source.SOURCE_EXECUTOR);
        SimulatedAgent.ExecutorView executor = simulator.agent("a1").executors().get(0);
        assertThat(executor.subscribed()).isTrue();
        assertThat(executor.process().pid()).isEqualTo(-1);
        assertThat(executor.process().isAlive()).isTrue();
    }

    @Test
    void aNewerAssignmentIsAppliedAndReportedAnOlderOneIgnored() {
        launchEverywhere(3);
        await().atMost(WAIT).until(() -> AGENTS.stream().allMatch(a -> latestAppliedVersion(a).isPresent()));

        for (String agent : AGENTS) {
            AgentID agentId = AgentID.newBuilder().setValue(agent).build();
            ExecutorID executorId = ExecutorID.newBuilder().setValue("e-" + agent).build();
            harness.client.message(agentId, executorId, new CollectorAssignment(2, "{}").toByteString());
            harness.client.message(agentId, executorId, new CollectorAssignment(4, "{}").toByteString());
        }

        await().atMost(WAIT).until(() -> AGENTS.stream().allMatch(a -> latestAppliedVersion(a).equals(OptionalLong.of(4))));
        assertThat(harness.scheduler.updates).noneMatch(s -> AppliedConfiguration.appliedVersion(s).equals(OptionalLong.of(2)));
    }

    @Test
    void aKilledTaskEndsKilledAndItsExecutorExitsCleanly() {
        launchEverywhere(1);
        await().atMost(WAIT).until(() -> latestAppliedVersion("a1").isPresent());

        harness.client.kill(TaskID.newBuilder().setValue("t-a1").build(), AgentID.newBuilder().setValue("a1").build());

        await().atMost(WAIT).until(() -> harness.scheduler.updates.stream()
                .anyMatch(s -> s.getTaskId().getValue().equals("t-a1") && s.getState() == TaskState.TASK_KILLED));
        await().atMost(WAIT).until(() -> simulator.agent("a1").executors().isEmpty());
        await().atMost(WAIT).until(() -> harness.scheduler.failures.stream().anyMatch(f -> f.getExecutorId().getValue().equals("e-a1")));
        assertThat(harness.scheduler.failures).filteredOn(f -> f.getExecutorId().getValue().equals("e-a1"))
                .allMatch(f -> f.getStatus() == 0);
    }

    @Test
    void aCrashedExecutorFailsItsTask() {
        launchEverywhere(1);
        await().atMost(WAIT).until(() -> latestAppliedVersion("a2").isPresent());

        simulator.crashExecutor("a2", ExecutorID.newBuilder().setValue("e-a2").build());

        await().atMost(WAIT).until(() -> harness.scheduler.updates.stream()
                .anyMatch(s -> s.getTaskId().getValue().equals("t-a2") && s.getState() == TaskState.TASK_FAILED
                        && s.getReason() == TaskStatus.Reason.REASON_EXECUTOR_TERMINATED));
        assertThat(harness.scheduler.failures).filteredOn(f -> f.getExecutorId().getValue().equals("e-a2"))
                .allMatch(f -> f.getStatus() == 9);
    }
}
