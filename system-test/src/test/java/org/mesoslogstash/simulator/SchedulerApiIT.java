package org.mesoslogstash.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v1 scheduler API of the simulated master, driven by commons' real scheduler client. */
class SchedulerApiIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path workDir;

    private MesosSimulator simulator;
    private SchedulerHarness harness;

    @BeforeEach
    void start() throws Exception {
        simulator = MesosSimulator.start(SimulatorConfig.fast(List.of(
                AgentSpec.standard("a1").withAttributes(Map.of("rack", "r1", "level", "3")),
                AgentSpec.standard("a2"), AgentSpec.standard("a3")), workDir));
        harness = SchedulerHarness.at(simulator.masterUri());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        simulator.close();
    }

    @Test
    void subscribedFrameworkGetsOneOfferPerAgentWithItsResourcesAndAttributes() {
        harness.start(SchedulerHarness.framework("offers", 60));

        await().atMost(WAIT).until(() -> harness.scheduler.offers.size() >= 3);

        Set<String> agents = harness.scheduler.offers.stream().map(o -> o.getAgentId().getValue()).collect(Collectors.toSet());
        assertThat(agents).containsExactlyInAnyOrder("a1", "a2", "a3");
        Offer a1 = harness.scheduler.latestOfferFor("a1");
        assertThat(a1.getHostname()).isEqualTo("a1.simulated");
        assertThat(a1.getResourcesList()).extracting(Resource::getName).containsExactlyInAnyOrder("cpus", "mem", "disk");
        assertThat(a1.getAttributesList()).anySatisfy(a -> assertThat(a.getText().getValue()).isEqualTo("r1"))
                .anySatisfy(a -> assertThat(a.getScalar().getValue()).isEqualTo(3.0));
        assertThat(harness.client.frameworkId()).isPresent();
    }

    @Test
    void declinedResourcesComeBackAfterTheFilter() {
        harness.start(SchedulerHarness.framework("decline", 60));
        await().atMost(WAIT).until(() -> harness.scheduler.offers.size() >= 3);
        Offer first = harness.scheduler.latestOfferFor("a1");

        harness.client.decline(List.of(first.getId()), Filters.newBuilder().setRefuseSeconds(1).build());

        await().atMost(WAIT).until(() -> !harness.scheduler.latestOfferFor("a1").getId().equals(first.getId()));
    }

    @Test
    void taskAskingForMoreThanOfferedIsTaskErrorFromTheMaster() {
        harness.start(SchedulerHarness.framework("too-big", 60));
        await().atMost(WAIT).until(() -> harness.scheduler.offers.size() >= 3);
        Offer offer = harness.scheduler.latestOfferFor("a2");
        var task = SchedulerHarness.executorTask(offer, "big", "big-executor").toBuilder()
                .clearResources().addResources(SchedulerHarness.scalar("cpus", 64)).build();

        harness.launch(offer, task);

        await().atMost(WAIT).until(() -> !harness.scheduler.updatesIn(TaskState.TASK_ERROR).isEmpty());
        TaskStatus error = harness.scheduler.updatesIn(TaskState.TASK_ERROR).get(0);
        assertThat(error.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_INVALID);
        assertThat(error.getMessage()).isEqualTo("Task uses more resources cpus:64.1; mem:64 than available cpus:4; disk:102400; mem:8192");
        assertThat(error.hasUuid()).isFalse();
    }

    @Test
    void launchWithAnOfferNoLongerValidIsTaskLost() {
        harness.start(SchedulerHarness.framework("stale", 60));
        await().atMost(WAIT).until(() -> harness.scheduler.offers.size() >= 3);
        Offer offer = harness.scheduler.latestOfferFor("a3");
        harness.client.decline(List.of(offer.getId()), Filters.newBuilder().setRefuseSeconds(60).build());

        harness.launch(offer, SchedulerHarness.executorTask(offer, "late", "late-executor"));

        await().atMost(WAIT).until(() -> !harness.scheduler.updatesIn(TaskState.TASK_LOST).isEmpty());
        TaskStatus lost = harness.scheduler.updatesIn(TaskState.TASK_LOST).get(0);
        assertThat(lost.getReason()).isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);
        assertThat(lost.getMessage()).isEqualTo("Task launched with invalid offers: Offer " + offer.getId().getValue() + " is no longer valid");
    }

    @Test
    void implicitReconciliationOfAFrameworkWithoutTasksAnswersNothingAndExplicitAnswersLost() {
        harness.start(SchedulerHarness.framework("reconcile", 60));
        await().atMost(WAIT).until(() -> harness.scheduler.subscriptions() == 1);

        harness.client.reconcile(List.of(org.apache.mesos.v1.scheduler.Protos.Call.Reconcile.Task.newBuilder()
                .setTaskId(org.apache.mesos.v1.Protos.TaskID.newBuilder().setValue("never-launched")).build()));

        await().atMost(WAIT).until(() -> !harness.scheduler.updatesIn(TaskState.TASK_LOST).isEmpty());
        assertThat(harness.scheduler.updatesIn(TaskState.TASK_LOST).get(0).getReason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
    }

    @Test
    void anAgentThatJoinsLaterIsOffered() throws Exception {
        harness.start(SchedulerHarness.framework("joiner", 60));
        await().atMost(WAIT).until(() -> harness.scheduler.offers.size() >= 3);

        simulator.addAgent(AgentSpec.standard("a4"));

        await().atMost(WAIT).until(() -> harness.scheduler.offers.stream().anyMatch(o -> o.getAgentId().getValue().equals("a4")));
    }

    @Test
    void offersOfALostAgentAreRescindedAndTheFrameworkHearsOfTheFailure() {
        harness.start(SchedulerHarness.framework("rescind", 60));
        await().atMost(WAIT).until(() -> harness.scheduler.offers.size() >= 3);
        Offer outstanding = harness.scheduler.latestOfferFor("a2");

        simulator.loseAgent("a2");

        await().atMost(WAIT).until(() -> harness.scheduler.rescinded.contains(outstanding.getId()));
        await().atMost(WAIT).until(() -> harness.scheduler.failures.stream().anyMatch(f -> f.getAgentId().getValue().equals("a2")));
    }

    @Test
    void aPartitionAwareFrameworksTasksOnALostAgentBecomeUnreachable() {
        harness.start(SchedulerHarness.framework("partition-aware", 60).toBuilder().addCapabilities(
                org.apache.mesos.v1.Protos.FrameworkInfo.Capability.newBuilder()
                        .setType(org.apache.mesos.v1.Protos.FrameworkInfo.Capability.Type.PARTITION_AWARE)).build());
        await().atMost(WAIT).until(() -> harness.scheduler.offers.size() >= 3);
        Offer offer = harness.scheduler.latestOfferFor("a1");
        harness.launch(offer, SchedulerHarness.executorTask(offer, "t1", "t1-executor"));
        await().atMost(WAIT).until(() -> !harness.scheduler.updatesIn(TaskState.TASK_RUNNING).isEmpty());

        simulator.loseAgent("a1");

        await().atMost(WAIT).until(() -> !harness.scheduler.updatesIn(TaskState.TASK_UNREACHABLE).isEmpty());
        TaskStatus unreachable = harness.scheduler.updatesIn(TaskState.TASK_UNREACHABLE).get(0);
        assertThat(unreachable.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
        assertThat(unreachable.hasUnreachableTime()).isTrue();
        assertThat(unreachable.getExecutorId().getValue()).isEqualTo("t1-executor");
    }
}
