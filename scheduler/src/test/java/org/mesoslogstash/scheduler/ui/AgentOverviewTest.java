package org.mesoslogstash.scheduler.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.scheduler.distribution.DistributionStatus;
import org.mesoslogstash.scheduler.distribution.DistributionStatus.ExecutorConfiguration;
import org.mesoslogstash.scheduler.distribution.DistributionStatus.State;
import org.mesoslogstash.scheduler.placement.ActivityLog.Activity;
import org.mesoslogstash.scheduler.placement.ActivityLog.Kind;
import org.mesoslogstash.scheduler.task.AgentTask;
import org.mesoslogstash.scheduler.ui.AgentOverview.AgentRow;

class AgentOverviewTest {

    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    private static final DistributionStatus NOTHING = new DistributionStatus(OptionalLong.empty(), List.of());

    @Test
    void aRunningExecutorWithTheAppliedVersionHasNoProblem() {
        DistributionStatus distribution = new DistributionStatus(OptionalLong.of(3), List.of(new ExecutorConfiguration("a1", "e1", "t1",
                State.APPLIED, OptionalLong.of(3), OptionalLong.empty(), Optional.empty(), 1)));

        AgentOverview.Agents agents = AgentOverview.build(List.of(new AgentTask("a1", "t1", TaskState.TASK_RUNNING, true, T0)), Map.of(),
                distribution, List.of());

        assertThat(agents.currentVersion()).isEqualTo(3L);
        AgentRow row = agents.agents().getFirst();
        assertThat(row.executorState()).isEqualTo("TASK_RUNNING");
        assertThat(row.configState()).isEqualTo("APPLIED");
        assertThat(row.appliedVersion()).isEqualTo(3L);
        assertThat(row.problem()).isNull();
    }

    @Test
    void anAgentOnlySeenInADeclinedOfferHasNoExecutorWithTheReason() {
        Activity declined = new Activity(T0, Kind.OFFER_DECLINED, "a2", "host2: not enough cpus");

        AgentRow row = AgentOverview.build(List.of(), Map.of(), NOTHING, List.of(declined)).agents().getFirst();

        assertThat(row.agentId()).isEqualTo("a2");
        assertThat(row.executorState()).isNull();
        assertThat(row.problem()).isEqualTo("no executor: host2: not enough cpus");
        assertThat(row.lastActivity().kind()).isEqualTo("OFFER_DECLINED");
    }

    @Test
    void theLatestActivityOfAnAgentIsShown() {
        List<Activity> activity = List.of(new Activity(T0, Kind.OFFER_DECLINED, "a1", "old"),
                new Activity(T0.plusSeconds(5), Kind.LAUNCH, "a1", "launched t1"));

        AgentRow row = AgentOverview.build(List.of(new AgentTask("a1", "t1", TaskState.TASK_STAGING, false, T0)), Map.of(), NOTHING, activity)
                .agents().getFirst();

        assertThat(row.lastActivity().detail()).isEqualTo("launched t1");
    }

    @Test
    void failedExecutorsAndRejectedConfigurationsComeFirst() {
        DistributionStatus distribution = new DistributionStatus(OptionalLong.of(4), List.of(new ExecutorConfiguration("c", "e", "tc",
                State.REJECTED, OptionalLong.of(3), OptionalLong.of(4), Optional.of("pipeline refused"), 1)));
        List<AgentTask> tasks = List.of(new AgentTask("a", "ta", TaskState.TASK_RUNNING, true, T0),
                new AgentTask("b", "tb", TaskState.TASK_FAILED, true, T0),
                new AgentTask("c", "tc", TaskState.TASK_RUNNING, true, T0));

        List<AgentRow> rows = AgentOverview.build(tasks, Map.of("b", T0.plusSeconds(30)), distribution, List.of()).agents();

        assertThat(rows).extracting(AgentRow::agentId).containsExactly("b", "c", "a");
        assertThat(rows.get(0).problem()).isEqualTo("executor TASK_FAILED");
        assertThat(rows.get(0).relaunchNotBefore()).isEqualTo(T0.plusSeconds(30));
        assertThat(rows.get(1).problem()).isEqualTo("rejected configuration version 4: pipeline refused");
        assertThat(rows.get(1).appliedVersion()).isEqualTo(3L);
    }
}
