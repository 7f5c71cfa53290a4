package org.mesoslogstash.systemtest.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.mesoslogstash.simulator.AgentSpec;
import org.mesoslogstash.simulator.agent.SimulatedAgent.ExecutorView;

/**
 * The scheduler, executors and Docker together against the Mesos simulator and a real ZooKeeper
 * (issue 3, "Tests"): one executor on every agent through first deployment, a new agent, an executor
 * crash, agent loss, a scheduler restart and a master failover. Each test starts its own cluster of
 * three agents; its logs and sandboxes stay in {@code target/cluster-it/<test>}.
 */
class ClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(45);

    private final String testId = "mlt-cluster-" + UUID.randomUUID().toString().substring(0, 8);
    private Cluster cluster;
    private SchedulerProcess scheduler;
    private TestContainer container;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        Path dir = Path.of("target", "cluster-it", test.getTestMethod().orElseThrow().getName() + "-" + testId).toAbsolutePath();
        cluster = Cluster.start(dir, testId, 3);
        scheduler = cluster.startScheduler();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (container != null) {
                container.close();
            }
        } finally {
            cluster.close();
        }
    }

    private void awaitOneRunningExecutorPerAgent(int agents) {
        awaitOneRunningExecutorPerAgent(agents, 1);
    }

    private void awaitOneRunningExecutorPerAgent(int agents, long version) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(cluster.liveExecutors()).hasSize(agents);
            assertThat(cluster.everyAgentRunsOneExecutorWithVersion(version)).as("one RUNNING executor with version %d on every agent: %s", version,
                    cluster.liveExecutors()).isTrue();
            assertThat(scheduler.health()).hasValueSatisfying(h -> {
                assertThat(h.status()).isEqualTo(200);
                assertThat(h.reconciling()).isFalse();
                assertThat(h.agentsWithExecutor()).isEqualTo(agents);
            });
        });
    }

    private static ExecutorView only(List<ExecutorView> executors) {
        assertThat(executors).hasSize(1);
        return executors.get(0);
    }

    @Test
    void firstDeploymentRunsOneExecutorOnEveryAgentThatCollectsTheLabelledContainer() {
        awaitOneRunningExecutorPerAgent(3);
        assertThat(scheduler.health().orElseThrow().frameworkId()).isNotBlank();

        container = TestContainer.start(testId + "-printer", Cluster.LABEL, testId, "cluster-line");

        await().atMost(WAIT).untilAsserted(() -> cluster.liveExecutors().forEach((agent, executors) ->
                assertThat(Cluster.collected(only(executors))).as("lines collected on %s", agent)
                        .anySatisfy(line -> assertThat(line).contains("\"message\":\"cluster-line ").contains(testId + "-printer"))));
        assertThat(cluster.simulator().master().taskStatuses()).extracting(s -> s.getState())
                .containsOnly(TaskState.TASK_RUNNING).hasSize(3);
    }

    @Test
    void aNewAgentGetsAnExecutor() throws Exception {
        awaitOneRunningExecutorPerAgent(3);
        Map<String, List<Long>> before = cluster.executorPids();

        cluster.simulator().addAgent(AgentSpec.standard("a4"));

        awaitOneRunningExecutorPerAgent(4);
        Map<String, List<Long>> after = cluster.executorPids();
        before.forEach((agent, pids) -> assertThat(after.get(agent)).as("executor of %s", agent).isEqualTo(pids));
    }

    @Test
    void aCrashedExecutorIsRelaunchedOnItsAgentAfterTheBackoff() {
        awaitOneRunningExecutorPerAgent(3);
        ExecutorView crashed = only(cluster.liveExecutors().get("a2"));
        Map<String, List<Long>> before = cluster.executorPids();

        cluster.simulator().crashExecutor("a2", crashed.executorId());

        await().atMost(WAIT).until(() -> cluster.liveExecutors().get("a2").stream().anyMatch(e -> !e.executorId().equals(crashed.executorId())));
        awaitOneRunningExecutorPerAgent(3);
        // The master forgets a terminal task once the scheduler acknowledged its update, as Mesos does.
        await().atMost(WAIT).until(() -> cluster.taskOf(crashed).isEmpty());
        assertThat(cluster.simulator().master().taskStatuses()).extracting(s -> s.getState()).containsOnly(TaskState.TASK_RUNNING).hasSize(3);
        Map<String, List<Long>> after = cluster.executorPids();
        assertThat(after.get("a1")).isEqualTo(before.get("a1"));
        assertThat(after.get("a3")).isEqualTo(before.get("a3"));
    }

    @Test
    void aLostAgentsTaskIsForgottenAndNotLaunchedElsewhere() {
        awaitOneRunningExecutorPerAgent(3);
        Map<String, List<Long>> before = cluster.executorPids();
        ExecutorView lost = only(cluster.liveExecutors().get("a3"));

        cluster.simulator().loseAgent("a3");

        await().atMost(WAIT).untilAsserted(() -> assertThat(scheduler.health()).hasValueSatisfying(h -> {
            assertThat(h.subscribed()).isTrue();
            assertThat(h.agentsWithExecutor()).isEqualTo(2);
        }));
        assertThat(cluster.taskOf(lost)).hasValueSatisfying(s -> assertThat(s.getState()).isEqualTo(TaskState.TASK_UNREACHABLE));
        // Several allocation rounds later, the remaining agents still run their first executors only.
        await().during(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() -> {
            assertThat(cluster.liveExecutors()).containsOnlyKeys("a1", "a2");
            assertThat(cluster.executorPids()).containsEntry("a1", before.get("a1")).containsEntry("a2", before.get("a2"));
            assertThat(cluster.simulator().master().taskStatuses()).hasSize(3);
        });
        assertThat(lost.process().isAlive()).isFalse();
    }

    @Test
    void aRestartedSchedulerKeepsItsFrameworkIdAndLaunchesNoSecondExecutor() throws Exception {
        awaitOneRunningExecutorPerAgent(3);
        String frameworkId = scheduler.health().orElseThrow().frameworkId();
        assertThat(cluster.storedFrameworkId()).contains(frameworkId);
        Map<String, List<Long>> before = cluster.executorPids();

        scheduler.kill();
        await().atMost(WAIT).until(() -> !cluster.simulator().master().isConnected(FrameworkID.newBuilder().setValue(frameworkId).build()));
        scheduler = cluster.startScheduler();

        awaitOneRunningExecutorPerAgent(3);
        assertThat(scheduler.health().orElseThrow().frameworkId()).isEqualTo(frameworkId);
        assertThat(cluster.storedFrameworkId()).contains(frameworkId);
        // After reconciliation the scheduler is offered every agent again (REVIVE) and must decline them all.
        await().during(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() -> {
            assertThat(cluster.executorPids()).isEqualTo(before);
            assertThat(cluster.simulator().master().taskStatuses()).hasSize(3);
        });
    }

    @Test
    void afterAMasterFailoverTheSchedulerFollowsTheNewLeaderAndKeepsOneExecutorPerAgent() {
        awaitOneRunningExecutorPerAgent(3);
        FrameworkID frameworkId = FrameworkID.newBuilder().setValue(scheduler.health().orElseThrow().frameworkId()).build();
        Map<String, List<Long>> before = cluster.executorPids();

        cluster.simulator().failoverMaster();

        await().atMost(WAIT).until(() -> cluster.simulator().master().isConnected(frameworkId));
        awaitOneRunningExecutorPerAgent(3);
        await().during(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() -> {
            assertThat(cluster.executorPids()).isEqualTo(before);
            assertThat(cluster.simulator().master().taskStatuses()).hasSize(3);
        });
        assertThat(scheduler.health().orElseThrow().frameworkId()).isEqualTo(frameworkId.getValue());
    }

    @Test
    void aConfigurationChangeReachesEveryExecutorAlthoughAMessageIsDropped() throws Exception {
        awaitOneRunningExecutorPerAgent(3);
        Map<String, List<Long>> before = cluster.executorPids();
        ExecutorView unlucky = only(cluster.liveExecutors().get("a2"));
        String frameworkId = scheduler.health().orElseThrow().frameworkId();
        // The first message that carries version 2 to a2's executor is lost on the way, as framework messages may be.
        cluster.simulator().dropMessagesTo("a2", unlucky.executorId(), 1);

        // Version 2 also streams a file from inside the labelled containers.
        cluster.changeCollectorConfig(Cluster.collectorConfig(testId, List.of("/tmp/app.log")));
        scheduler.kill();
        await().atMost(WAIT).until(() -> !cluster.simulator().master().isConnected(FrameworkID.newBuilder().setValue(frameworkId).build()));
        scheduler = cluster.startScheduler();

        awaitOneRunningExecutorPerAgent(3, 2);
        assertThat(cluster.simulator().messagesStillToDrop("a2", unlucky.executorId())).as("the message to a2 was dropped").isZero();
        assertThat(cluster.executorPids()).as("the executors applied version 2 in place").isEqualTo(before);

        container = TestContainer.start(testId + "-filer", Cluster.LABEL, testId, "file-line", "/tmp/app.log");
        await().atMost(WAIT).untilAsserted(() -> cluster.liveExecutors().forEach((agent, executors) ->
                assertThat(Cluster.collected(only(executors))).as("file lines collected on %s", agent)
                        .anySatisfy(line -> assertThat(line).contains("\"message\":\"file-line ").contains("/tmp/app.log"))));
    }
}
