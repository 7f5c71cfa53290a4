package org.mesoslogstash.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.config.distribution.AppliedConfiguration;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.executor.assignment.AgentPlan;
import org.mesoslogstash.executor.checkpoint.CheckpointWriter;
import org.mesoslogstash.executor.collector.CollectRule;
import org.mesoslogstash.executor.collector.CollectorConfig;
import org.mesoslogstash.executor.collector.CollectorConfigReader;
import org.mesoslogstash.executor.collector.DiscoveredContainer;
import org.mesoslogstash.executor.delivery.DeliveryMetrics;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.stream.StreamStatus;
import org.mesoslogstash.executor.testsupport.DeterministicScheduler;
import org.mesoslogstash.mesos.executor.ExecutorClient;
import org.mesoslogstash.report.ExecutorReport;
import org.mockito.ArgumentCaptor;

/** The executor's task logic, driven event by event against a mocked executor client on virtual time. */
class CollectorExecutorTest {

    private static final TaskID TASK = TaskID.newBuilder().setValue("logstash.agent-1").build();
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final DeterministicScheduler scheduler = new DeterministicScheduler();
    private final ExecutorClient client = mock(ExecutorClient.class);
    private final List<FakeRun> runs = new ArrayList<>();
    private final List<CollectorConfig> started = new ArrayList<>();
    private final AtomicInteger uuids = new AtomicInteger();
    /** What happened to runs and the client, in order: "close" and the states of updates. */
    private final List<String> sequence = new ArrayList<>();
    private final ExecutorSettings settings = new ExecutorSettings(Duration.ofSeconds(30), Duration.ofMillis(200),
            Duration.ofSeconds(20), Duration.ofSeconds(2), GRACE);
    private CollectorExecutor executor;

    /** A run whose readiness the test sets; it records the rules it was given and how it was closed. */
    private final class FakeRun implements CollectorRun {
        volatile boolean ready;
        Duration closedWithin;
        final List<List<CollectRule>> applied = new ArrayList<>();

        @Override
        public CompletionStage<Void> apply(AgentPlan plan) {
            applied.add(plan.collector().rules());
            sequence.add("apply");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Readiness readiness() {
            return ready ? new Ready() : new WaitingForDocker();
        }

        @Override
        public Figures figures() {
            StreamStatus stream = new StreamStatus(StreamKey.file("c1", "/var/log/app.log"), StreamStatus.State.RUNNING, 1, null, 0, null,
                    40, 4000, new Position.InFile(7, 4000), 5000);
            DeliveryMetrics delivery = new DeliveryMetrics(scheduler.clock().instant(), 40, 38, 4000, 2, 0, 3, 0, Map.of(),
                    new CheckpointWriter.Status(CheckpointWriter.State.RUNNING, 0, 0, null));
            List<DiscoveredContainer> containers = List.of(new DiscoveredContainer("c1", "app", "app:2", 1),
                    new DiscoveredContainer("c2", "sidecar", "busybox", 0));
            return new Figures(containers, List.of(stream), delivery, null, Map.of());
        }

        @Override
        public void close(Duration within) {
            closedWithin = within;
            sequence.add("close");
        }
    }

    @BeforeEach
    void setUp() {
        when(client.update(any())).thenAnswer(invocation -> {
            TaskStatus status = invocation.getArgument(0);
            sequence.add(status.getState().name());
            return status.toBuilder().setUuid(ByteString.copyFromUtf8("uuid-" + uuids.incrementAndGet())).build();
        });
        CollectorRun.Starter starter = plan -> {
            started.add(plan.collector());
            FakeRun run = new FakeRun();
            runs.add(run);
            return run;
        };
        executor = new CollectorExecutor(client, starter, Map.of(), "local-host", settings, scheduler, scheduler.clock());
        executor.subscribed(Event.Subscribed.newBuilder()
                .setAgentInfo(AgentInfo.newBuilder().setHostname("agent-1.example.org")).buildPartial());
        scheduler.runDue();
    }

    private static String config(String ruleName) {
        return """
                {"checkpointDir": "/tmp/mlt-checkpoints", "sink": {"type": "jsonlines"},
                 "collect": [{"name": "%s", "console": true}]}
                """.formatted(ruleName);
    }

    /** A configuration whose sink writes to {@code file}: another sink than {@link #config}'s. */
    private static String configWithSinkFile(String ruleName, String file) {
        return """
                {"checkpointDir": "/tmp/mlt-checkpoints", "sink": {"type": "jsonlines", "file": "%s"},
                 "collect": [{"name": "%s", "console": true}]}
                """.formatted(file, ruleName);
    }

    private static TaskInfo task(ByteString data) {
        return TaskInfo.newBuilder().setName("logstash").setTaskId(TASK)
                .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("agent-1")).setData(data).build();
    }

    private void launch(long version, String json) {
        executor.launch(task(new CollectorAssignment(version, json).toByteString()));
        scheduler.runDue();
    }

    private void launchRunning(long version) {
        launch(version, config("all"));
        runs.getLast().ready = true;
        scheduler.advance(settings.readinessPoll());
    }

    private void message(long version, String json) {
        executor.message(new CollectorAssignment(version, json).toByteString());
        scheduler.runDue();
    }

    private List<TaskStatus> updates() {
        ArgumentCaptor<TaskStatus> captor = ArgumentCaptor.forClass(TaskStatus.class);
        verify(client, org.mockito.Mockito.atLeast(0)).update(captor.capture());
        return captor.getAllValues();
    }

    private Integer exitCode() {
        return executor.exitCode().toCompletableFuture().getNow(null);
    }

    @Test
    void reportsRunningWithTheVersionOnlyOnceCollectionIsReady() {
        launch(1, config("all"));
        assertThat(updates()).isEmpty();

        runs.getFirst().ready = true;
        scheduler.advance(settings.readinessPoll());

        assertThat(updates()).singleElement().satisfies(status -> {
            assertThat(status.getTaskId()).isEqualTo(TASK);
            assertThat(status.getState()).isEqualTo(TaskState.TASK_RUNNING);
            assertThat(AppliedConfiguration.appliedVersion(status)).hasValue(1);
        });
    }

    @Test
    void eventsCarryTheAgentsHostName() {
        launch(1, config("all"));

        assertThat(started.getFirst().agentHost()).isEqualTo("agent-1.example.org");
    }

    @Test
    void anInvalidConfigurationFailsTheTaskWithEveryProblemNamed() {
        launch(1, """
                {"sink": {"type": "kafka"}, "collect": [{"name": "all", "console": true}]}
                """);

        TaskStatus failed = updates().getLast();
        assertThat(failed.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_INVALID);
        assertThat(failed.getMessage()).contains("$.checkpointDir: required").contains("$.sink.type: must be \"logstash\", \"beats\", \"jsonlines\" or \"elasticsearch\", was \"kafka\"");
        assertThat(runs).isEmpty();
        assertThat(exitCode()).isEqualTo(CollectorExecutor.EXIT_TASK_FAILED);
    }

    @Test
    void aTaskWithoutDataFails() {
        executor.launch(task(ByteString.EMPTY));
        scheduler.runDue();

        assertThat(updates().getLast().getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(updates().getLast().getMessage()).contains("carries no collector configuration");
    }

    @Test
    void dockerNotAnsweringWithinTheTimeoutFailsTheTask() {
        launch(1, config("all"));

        scheduler.advance(settings.dockerReadyTimeout());

        TaskStatus failed = updates().getLast();
        assertThat(failed.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(failed.getMessage()).contains("Docker at unix:///var/run/docker.sock did not answer within PT30S");
        assertThat(runs.getFirst().closedWithin).isNotNull();
        assertThat(exitCode()).isEqualTo(CollectorExecutor.EXIT_TASK_FAILED);
    }

    @Test
    void aNewerVersionChangingOnlyTheRulesIsAppliedToTheRunningCollectionAndReported() {
        launchRunning(1);

        message(2, config("changed"));

        assertThat(started).hasSize(1);
        assertThat(runs.getFirst().closedWithin).isNull();
        assertThat(runs.getFirst().applied).singleElement()
                .satisfies(rules -> assertThat(rules).extracting(CollectRule::name).containsExactly("changed"));
        TaskStatus running = updates().getLast();
        assertThat(running.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(AppliedConfiguration.appliedVersion(running)).hasValue(2);
    }

    @Test
    void aRulesOnlyVersionWhileStartingIsAppliedAndReportedOnceReady() {
        launch(1, config("all"));

        message(2, config("changed"));
        assertThat(updates()).isEmpty();
        runs.getFirst().ready = true;
        scheduler.advance(settings.readinessPoll());

        assertThat(runs).hasSize(1);
        assertThat(runs.getFirst().applied).hasSize(1);
        assertThat(updates()).singleElement().satisfies(status -> assertThat(AppliedConfiguration.appliedVersion(status)).hasValue(2));
    }

    @Test
    void aChangedSinkAfterAHotAppliedVersionRestartsWithTheNewestRules() {
        launchRunning(1);
        message(2, config("changed"));

        message(3, configWithSinkFile("changed", "/tmp/out.json"));

        assertThat(sequence).containsSubsequence("apply", "close");
        assertThat(started).hasSize(2);
        assertThat(started.getLast().rules()).extracting(CollectRule::name).containsExactly("changed");
    }

    @Test
    void settingsOtherThanTheRulesAreNamedWhenTheyChange() {
        CollectorConfigReader reader = new CollectorConfigReader(Map.of(), "h");
        CollectorConfig before = reader.read(config("a"), "1");

        assertThat(RestartingSettings.changed(before, reader.read(config("b"), "2"))).isEmpty();
        assertThat(RestartingSettings.changed(before, reader.read(configWithSinkFile("a", "/x"), "3"))).containsExactly("sink");
        assertThat(RestartingSettings.changed(before, reader.read(
                config("a").replace("\"checkpointDir\"", "\"maxLineBytes\": 10, \"checkpointDir\""), "4")))
                .containsExactly("maxLineBytes");
    }

    @Test
    void aNewerVersionWithAnotherSinkRestartsCollectionAndIsReported() {
        launchRunning(1);

        message(2, configWithSinkFile("changed", "/tmp/out.json"));

        assertThat(runs.getFirst().closedWithin).isEqualTo(settings.reapplyCloseTimeout());
        assertThat(started).hasSize(2);
        assertThat(started.getLast().rules().getFirst().name()).isEqualTo("changed");
        runs.getLast().ready = true;
        scheduler.advance(settings.readinessPoll());
        TaskStatus running = updates().getLast();
        assertThat(running.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(AppliedConfiguration.appliedVersion(running)).hasValue(2);
    }

    @Test
    void anOlderOrEqualVersionIsNotAppliedButTheAppliedOneIsReportedAgain() {
        launchRunning(3);

        message(3, config("same"));
        message(2, config("older"));

        assertThat(started).hasSize(1);
        assertThat(runs.getFirst().closedWithin).isNull();
        // The scheduler re-sends only what it has not heard applied: each re-send is answered.
        assertThat(updates()).hasSize(3).allSatisfy(update -> {
            assertThat(update.getState()).isEqualTo(TaskState.TASK_RUNNING);
            assertThat(AppliedConfiguration.appliedVersion(update)).hasValue(3);
        });
    }

    @Test
    void aRunningExecutorReportsItsFiguresToTheSchedulerEveryTenSeconds() {
        launchRunning(1);
        verify(client, never()).message(any());

        scheduler.advance(Duration.ofSeconds(10));

        ArgumentCaptor<ByteString> sent = ArgumentCaptor.forClass(ByteString.class);
        verify(client, timeout(5_000)).message(sent.capture());
        ExecutorReport report = ExecutorReport.fromJson(sent.getValue().toByteArray());
        assertThat(report.agentHost()).isEqualTo("agent-1.example.org");
        assertThat(report.appliedVersion()).isEqualTo(1);
        assertThat(report.containers()).containsExactly(new ExecutorReport.Container("c1", "app", "app:2", 1),
                new ExecutorReport.Container("c2", "sidecar", "busybox", 0));
        assertThat(report.streams()).containsExactly(new ExecutorReport.Stream("c1", "/var/log/app.log", "RUNNING", 4000, 40, 4000, 0, null, 1000));
        assertThat(report.delivery()).isEqualTo(new ExecutorReport.Delivery(40, 38, 2, 0));
        assertThat(report.logstash()).isNull();

        scheduler.advance(Duration.ofSeconds(10));
        verify(client, timeout(5_000).times(2)).message(any());
    }

    @Test
    void anInvalidNewerVersionIsRejectedAndTheOldOneKeepsRunning() {
        launchRunning(1);

        message(2, "{\"collect\": 7}");

        assertThat(runs.getFirst().closedWithin).isNull();
        TaskStatus report = updates().getLast();
        assertThat(report.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(AppliedConfiguration.appliedVersion(report)).hasValue(1);
        assertThat(AppliedConfiguration.rejectedVersion(report)).hasValue(2);
        assertThat(report.getMessage()).contains("version 2 was rejected").contains("$.checkpointDir: required");
    }

    @Test
    void aNewerVersionWithAnotherSinkWhileStartingReplacesTheStartingRun() {
        launch(1, config("all"));

        message(2, configWithSinkFile("changed", "/tmp/out.json"));
        runs.getLast().ready = true;
        scheduler.advance(settings.readinessPoll());

        assertThat(runs.getFirst().closedWithin).isNotNull();
        assertThat(updates()).singleElement().satisfies(status -> assertThat(AppliedConfiguration.appliedVersion(status)).hasValue(2));
    }

    @Test
    void aRejectionWhileStartingIsReportedWithTheFirstRunning() {
        launch(1, config("all"));

        message(2, "{}");
        assertThat(updates()).isEmpty();
        runs.getFirst().ready = true;
        scheduler.advance(settings.readinessPoll());

        assertThat(updates()).singleElement().satisfies(status -> {
            assertThat(AppliedConfiguration.appliedVersion(status)).hasValue(1);
            assertThat(AppliedConfiguration.rejectedVersion(status)).hasValue(2);
        });
    }

    @Test
    void aMessageThatIsNotAnAssignmentIsIgnored() {
        launchRunning(1);

        executor.message(ByteString.copyFromUtf8("{\"version\": 2}"));
        scheduler.runDue();

        assertThat(started).hasSize(1);
        assertThat(updates()).hasSize(1);
        assertThat(exitCode()).isNull();
    }

    @Test
    void killStopsCollectionBeforeReportingKilled() {
        launchRunning(1);

        executor.kill(Event.Kill.newBuilder().setTaskId(TASK).build());
        scheduler.runDue();

        assertThat(sequence).containsExactly("TASK_RUNNING", "close", "TASK_KILLED");
        assertThat(runs.getFirst().closedWithin).isEqualTo(GRACE.minus(settings.terminalAckTimeout()));
        TaskStatus killed = updates().getLast();
        assertThat(killed.getState()).isEqualTo(TaskState.TASK_KILLED);
        assertThat(AppliedConfiguration.appliedVersion(killed)).hasValue(1);
        assertThat(exitCode()).isEqualTo(CollectorExecutor.EXIT_STOPPED);
    }

    @Test
    void killUsesTheKillPolicysGracePeriod() {
        launchRunning(1);

        executor.kill(Event.Kill.newBuilder().setTaskId(TASK)
                .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder().setNanoseconds(30_000_000_000L))).build());
        scheduler.runDue();

        assertThat(runs.getFirst().closedWithin).isEqualTo(Duration.ofSeconds(28));
    }

    @Test
    void theProcessEndsWhenTheAgentAcknowledgesTheTerminalUpdate() {
        launchRunning(1);
        when(client.unacknowledgedUpdates()).thenAnswer(invocation -> List.of(updates().getLast().toBuilder()
                .setUuid(ByteString.copyFromUtf8("uuid-" + uuids.get())).build()));

        executor.kill(Event.Kill.newBuilder().setTaskId(TASK).build());
        scheduler.runDue();
        assertThat(exitCode()).isNull();

        executor.acknowledged(TASK, ByteString.copyFromUtf8("uuid-" + uuids.get()));
        scheduler.runDue();
        assertThat(exitCode()).isEqualTo(CollectorExecutor.EXIT_STOPPED);
    }

    @Test
    void theProcessEndsAnywayWhenTheTerminalUpdateIsNotAcknowledged() {
        launchRunning(1);
        when(client.unacknowledgedUpdates()).thenAnswer(invocation -> List.of(updates().getLast().toBuilder()
                .setUuid(ByteString.copyFromUtf8("uuid-" + uuids.get())).build()));
        executor.kill(Event.Kill.newBuilder().setTaskId(TASK).build());
        scheduler.runDue();

        scheduler.advance(settings.terminalAckTimeout());

        assertThat(exitCode()).isEqualTo(CollectorExecutor.EXIT_STOPPED);
    }

    @Test
    void killOfAnotherTaskIsIgnored() {
        launchRunning(1);

        executor.kill(Event.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue("other")).build());
        scheduler.runDue();

        assertThat(runs.getFirst().closedWithin).isNull();
        assertThat(exitCode()).isNull();
    }

    @Test
    void killWhileStartingStopsTheRunAndReportsKilled() {
        launch(1, config("all"));

        executor.kill(Event.Kill.newBuilder().setTaskId(TASK).build());
        scheduler.runDue();
        scheduler.advance(settings.dockerReadyTimeout());

        assertThat(updates()).extracting(TaskStatus::getState).containsExactly(TaskState.TASK_KILLED);
        assertThat(runs.getFirst().closedWithin).isNotNull();
    }

    @Test
    void shutdownStopsTheTaskAndReportsKilled() {
        launchRunning(1);

        executor.shutdown();
        scheduler.runDue();

        assertThat(runs.getFirst().closedWithin).isNotNull();
        assertThat(updates().getLast().getState()).isEqualTo(TaskState.TASK_KILLED);
        assertThat(exitCode()).isEqualTo(CollectorExecutor.EXIT_STOPPED);
    }

    @Test
    void shutdownWithoutATaskEndsAtOnce() {
        executor.shutdown();
        scheduler.runDue();

        verify(client, never()).update(any());
        assertThat(exitCode()).isEqualTo(CollectorExecutor.EXIT_STOPPED);
    }

    @Test
    void agentLostStopsCollectionAndEndsWithoutAnUpdate() {
        launchRunning(1);

        executor.agentLost("not subscribed again within the recovery timeout");
        scheduler.runDue();

        assertThat(runs.getFirst().closedWithin).isNotNull();
        assertThat(updates()).hasSize(1);
        assertThat(exitCode()).isEqualTo(CollectorExecutor.EXIT_AGENT_LOST);
    }

    @Test
    void aSecondTaskIsRefusedAndTheFirstKeepsRunning() {
        launchRunning(1);

        executor.launch(task(new CollectorAssignment(1, config("all")).toByteString()).toBuilder()
                .setTaskId(TaskID.newBuilder().setValue("second")).build());
        scheduler.runDue();

        TaskStatus refused = updates().getLast();
        assertThat(refused.getTaskId().getValue()).isEqualTo("second");
        assertThat(refused.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(runs).hasSize(1);
        assertThat(runs.getFirst().closedWithin).isNull();
    }

    @Test
    void aStepThatThrowsStopsCollectionAndEnds() {
        launch(1, config("all"));
        org.mockito.Mockito.doThrow(new IllegalArgumentException("refused")).when(client).update(any());
        runs.getFirst().ready = true;

        scheduler.advance(settings.readinessPoll());

        assertThat(runs.getFirst().closedWithin).isNotNull();
        assertThat(exitCode()).isEqualTo(CollectorExecutor.EXIT_TASK_FAILED);
    }
}
