package org.mesoslogstash.scheduler.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.config.distribution.AppliedConfiguration;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.mesos.http.NotSubscribedException;
import org.mesoslogstash.mesos.scheduler.SchedulerClient;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.scheduler.distribution.DistributionStatus.ExecutorConfiguration;
import org.mesoslogstash.scheduler.distribution.DistributionStatus.State;
import org.mesoslogstash.scheduler.testsupport.MutableClock;

class ConfigurationDistributorTest {

    private static final String V1 = "{\"sinks\":1}";
    private static final String V2 = "{\"sinks\":2}";

    private final SchedulerClient client = mock(SchedulerClient.class);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final VersionedConfiguration configuration = VersionedConfiguration.load(new InMemoryConfigurationStore(), Optional.of(V1), List.of());
    private final ConfigurationDistributor distributor = new ConfigurationDistributor(configuration, client, clock,
            new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(40)));

    private static TaskStatus running(String agent, Labels labels) {
        return status(agent, TaskState.TASK_RUNNING).setLabels(labels).build();
    }

    private static TaskStatus.Builder status(String agent, TaskState state) {
        return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("task-" + agent))
                .setAgentId(AgentID.newBuilder().setValue(agent))
                .setExecutorId(ExecutorID.newBuilder().setValue("executor.task-" + agent)).setState(state);
    }

    private static ByteString assignment(long version, String json) {
        return new CollectorAssignment(version, json).toByteString();
    }

    private void verifySent(String agent, long version, String json, int times) {
        verify(client, times(times)).message(AgentID.newBuilder().setValue(agent).build(),
                ExecutorID.newBuilder().setValue("executor.task-" + agent).build(), assignment(version, json));
    }

    private ExecutorConfiguration statusOf(String agent) {
        return distributor.status().executors().stream().filter(e -> e.agentId().equals(agent)).findFirst().orElseThrow();
    }

    @Test
    void anExecutorLaunchedWithTheCurrentVersionIsSentNothing() {
        distributor.statusUpdate(running("a1", AppliedConfiguration.labels(1)));
        clock.advance(Duration.ofMinutes(5));
        distributor.distribute();

        verify(client, never()).message(any(), any(), any());
        assertThat(statusOf("a1").state()).isEqualTo(State.APPLIED);
    }

    @Test
    void anUpdateIsSentToEveryRunningExecutor() {
        distributor.statusUpdate(running("a1", AppliedConfiguration.labels(1)));
        distributor.statusUpdate(running("a2", AppliedConfiguration.labels(1)));

        configuration.update(V2, List.of());
        distributor.distribute();

        verifySent("a1", 2, V2, 1);
        verifySent("a2", 2, V2, 1);
        assertThat(distributor.status().currentVersion()).isEqualTo(OptionalLong.of(2));
        assertThat(statusOf("a1").state()).isEqualTo(State.PENDING);
        assertThat(statusOf("a1").appliedVersion()).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void aDroppedMessageIsSentAgainWithBackoffUntilTheExecutorReportsTheVersion() {
        distributor.statusUpdate(running("a1", AppliedConfiguration.labels(1)));
        configuration.update(V2, List.of());
        distributor.distribute();

        clock.advance(Duration.ofSeconds(9));
        distributor.distribute();
        verifySent("a1", 2, V2, 1);

        clock.advance(Duration.ofSeconds(1));
        distributor.distribute();
        verifySent("a1", 2, V2, 2);

        clock.advance(Duration.ofSeconds(19)); // the second wait is 20 s
        distributor.distribute();
        verifySent("a1", 2, V2, 2);
        clock.advance(Duration.ofSeconds(1));
        distributor.distribute();
        verifySent("a1", 2, V2, 3);
        assertThat(statusOf("a1").sends()).isEqualTo(3);
    }

    @Test
    void anExecutorReportingTheVersionIsSentNoMore() {
        distributor.statusUpdate(running("a1", AppliedConfiguration.labels(1)));
        configuration.update(V2, List.of());
        distributor.distribute();

        distributor.statusUpdate(running("a1", AppliedConfiguration.labels(2)));
        clock.advance(Duration.ofMinutes(10));
        distributor.distribute();

        verifySent("a1", 2, V2, 1);
        assertThat(statusOf("a1").state()).isEqualTo(State.APPLIED);
        assertThat(statusOf("a1").appliedVersion()).isEqualTo(OptionalLong.of(2));
    }

    @Test
    void aRejectedVersionIsNotSentAgainToThatExecutorAndIsReportedWithItsReason() {
        distributor.statusUpdate(running("a1", AppliedConfiguration.labels(1)));
        distributor.statusUpdate(running("a2", AppliedConfiguration.labels(1)));
        configuration.update(V2, List.of());
        distributor.distribute();

        distributor.statusUpdate(status("a1", TaskState.TASK_RUNNING).setLabels(AppliedConfiguration.labels(1, 2))
                .setMessage("sinks: expected an array").build());
        clock.advance(Duration.ofSeconds(10));
        distributor.distribute();

        verifySent("a1", 2, V2, 1);
        verifySent("a2", 2, V2, 2);
        ExecutorConfiguration a1 = statusOf("a1");
        assertThat(a1.state()).isEqualTo(State.REJECTED);
        assertThat(a1.appliedVersion()).isEqualTo(OptionalLong.of(1));
        assertThat(a1.rejectedVersion()).isEqualTo(OptionalLong.of(2));
        assertThat(a1.rejectionReason()).contains("sinks: expected an array");
    }

    @Test
    void aNewerVersionAfterARejectedOneIsSentAgain() {
        distributor.statusUpdate(status("a1", TaskState.TASK_RUNNING).setLabels(AppliedConfiguration.labels(1, 2)).setMessage("bad").build());
        configuration.update(V2, List.of());
        distributor.distribute();
        verify(client, never()).message(any(), any(), any());

        configuration.update("{\"sinks\":3}", List.of());
        distributor.distribute();

        verifySent("a1", 3, "{\"sinks\":3}", 1);
    }

    @Test
    void anExecutorReportingAnOlderVersionIsSentTheCurrentOneAtOnce() {
        configuration.update(V2, List.of()); // changed while a1 was being launched with version 1

        distributor.statusUpdate(running("a1", AppliedConfiguration.labels(1)));

        verifySent("a1", 2, V2, 1);
    }

    @Test
    void repeatedStatusUpdatesDoNotSendBeforeTheResendIsDue() {
        distributor.statusUpdate(running("a1", AppliedConfiguration.labels(1)));
        configuration.update(V2, List.of());
        distributor.distribute();

        distributor.statusUpdate(running("a1", AppliedConfiguration.labels(1)));
        distributor.statusUpdate(running("a1", Labels.getDefaultInstance()));

        verifySent("a1", 2, V2, 1);
    }

    @Test
    void anExecutorNotYetRunningIsSentNothing() {
        configuration.update(V2, List.of());

        distributor.statusUpdate(status("a1", TaskState.TASK_STARTING).build());
        distributor.distribute();

        verify(client, never()).message(any(), any(), any());
        assertThat(distributor.status().executors()).isEmpty();
    }

    @Test
    void anEndedExecutorIsForgottenAndSentNoMore() {
        distributor.statusUpdate(running("a1", AppliedConfiguration.labels(1)));
        configuration.update(V2, List.of());
        distributor.distribute();

        distributor.statusUpdate(status("a1", TaskState.TASK_FAILED).build());
        clock.advance(Duration.ofMinutes(10));
        distributor.distribute();

        verifySent("a1", 2, V2, 1);
        assertThat(distributor.status().executors()).isEmpty();
    }

    @Test
    void aSendTheMasterRefusedIsRetriedAfterTheBackoff() {
        distributor.statusUpdate(running("a1", AppliedConfiguration.labels(1)));
        doThrow(new NotSubscribedException("MESSAGE")).when(client).message(any(), any(), any());
        configuration.update(V2, List.of());
        distributor.distribute();
        clearInvocations(client);

        clock.advance(Duration.ofSeconds(10));
        distributor.distribute();

        verifySent("a1", 2, V2, 1);
    }

    @Test
    void withoutAConfigurationNothingIsSent() {
        ConfigurationDistributor none = new ConfigurationDistributor(Optional::empty, client, clock, new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(40)));

        none.statusUpdate(running("a1", Labels.getDefaultInstance()));
        none.distribute();

        verify(client, never()).message(any(), any(), eq(ByteString.EMPTY));
        verify(client, never()).message(any(), any(), any());
        assertThat(none.status().currentVersion()).isEmpty();
        assertThat(none.status().executors()).extracting(ExecutorConfiguration::state).containsExactly(State.APPLIED);
    }

    @Test
    void aStatusWithoutLabelsKeepsTheVersionTheExecutorReportedBefore() {
        distributor.statusUpdate(running("a1", AppliedConfiguration.labels(1)));

        distributor.statusUpdate(status("a1", TaskState.TASK_RUNNING).setReason(TaskStatus.Reason.REASON_RECONCILIATION).build());

        assertThat(statusOf("a1").appliedVersion()).isEqualTo(OptionalLong.of(1));
        verify(client, never()).message(any(), any(), any());
    }

    @Test
    void anExecutorThatNeverReportedAVersionIsSentTheCurrentOne() {
        distributor.statusUpdate(status("a1", TaskState.TASK_RUNNING).setReason(TaskStatus.Reason.REASON_RECONCILIATION).build());

        verifySent("a1", 1, V1, 1);
        assertThat(statusOf("a1").appliedVersion()).isEmpty();
        assertThat(statusOf("a1").state()).isEqualTo(State.PENDING);
    }

    @Test
    void theExecutorOfARemovedAgentIsForgotten() {
        distributor.statusUpdate(running("a1", AppliedConfiguration.labels(1)));
        configuration.update(V2, List.of());

        distributor.agentRemoved("a1");
        distributor.distribute();

        verify(client, never()).message(any(), any(), any());
        assertThat(distributor.status().executors()).isEmpty();
    }

    @Test
    void aNewTaskOnTheAgentStartsOverWithWhatItReports() {
        distributor.statusUpdate(status("a1", TaskState.TASK_RUNNING).setLabels(AppliedConfiguration.labels(1, 2)).setMessage("bad").build());

        distributor.statusUpdate(status("a1", TaskState.TASK_RUNNING).setTaskId(TaskID.newBuilder().setValue("task-a1-2"))
                .setExecutorId(ExecutorID.newBuilder().setValue("executor.task-a1-2")).setLabels(AppliedConfiguration.labels(1)).build());

        ExecutorConfiguration a1 = statusOf("a1");
        assertThat(a1.taskId()).isEqualTo("task-a1-2");
        assertThat(a1.rejectedVersion()).isEmpty();
        assertThat(a1.state()).isEqualTo(State.APPLIED);
    }
}
