package org.mesoslogstash.scheduler.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.scheduler.framework.StateStoreException;
import org.mesoslogstash.scheduler.testsupport.InMemoryStores;
import org.mesoslogstash.scheduler.testsupport.MutableClock;

class TaskRegistryTest {

    private final InMemoryStores stores = new InMemoryStores();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TaskRegistry registry = new TaskRegistry(stores.taskStore(), clock, failures -> Duration.ofSeconds(failures));

    private static TaskStatus status(String taskId, String agentId, TaskState state) {
        return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(AgentID.newBuilder().setValue(agentId)).setState(state).build();
    }

    @Test
    void anUnreachableExecutorStillHoldsItsAgent() {
        registry.launching("a1", "t1");

        assertThat(registry.apply(status("t1", "a1", TaskState.TASK_UNREACHABLE))).isEqualTo(TaskRegistry.Change.UPDATED);
        assertThat(registry.agentsWithExecutor()).containsExactly("a1");
    }

    @Test
    void anUnreachableTaskOfARemovedAgentIsNotAdoptedAgainSoThatTheAgentBackGetsAnExecutor() {
        registry.launching("a1", "t1");
        registry.apply(status("t1", "a1", TaskState.TASK_RUNNING));
        registry.agentRemoved("a1");

        // Every later reconciliation reports the removed agent's task as unreachable.
        assertThat(registry.apply(status("t1", "a1", TaskState.TASK_UNREACHABLE))).isEqualTo(TaskRegistry.Change.STALE);
        assertThat(registry.agentsWithExecutor()).isEmpty();
        assertThat(stores.taskStore().load()).isEmpty();
    }

    @Test
    void anUnknownTaskReportedRunningIsAdopted() {
        assertThat(registry.apply(status("t1", "a1", TaskState.TASK_RUNNING))).isEqualTo(TaskRegistry.Change.ADOPTED);
        assertThat(registry.agentsWithExecutor()).containsExactly("a1");
    }

    @Test
    void anUnreachableOldTaskBesideTheAgentsNewOneIsStaleNotADuplicateToKill() {
        registry.launching("a1", "t2");
        registry.apply(status("t2", "a1", TaskState.TASK_RUNNING));

        assertThat(registry.apply(status("t1", "a1", TaskState.TASK_UNREACHABLE))).isEqualTo(TaskRegistry.Change.STALE);
        assertThat(registry.task("a1")).get().extracting(AgentTask::taskId).isEqualTo("t2");
    }

    @Test
    void aSecondLaunchOnAnAgentWithALiveTaskIsAProgrammingError() {
        registry.launching("a1", "t1");

        assertThatThrownBy(() -> registry.launching("a1", "t2")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theEndOfAnOldTaskIsStale() {
        registry.launching("a1", "t2");

        assertThat(registry.apply(status("t1", "a1", TaskState.TASK_KILLED))).isEqualTo(TaskRegistry.Change.STALE);
        assertThat(registry.task("a1")).get().extracting(AgentTask::taskId).isEqualTo("t2");
    }

    @Test
    void runningResetsTheBackoff() {
        registry.launching("a1", "t1");
        registry.apply(status("t1", "a1", TaskState.TASK_FAILED));
        registry.launching("a1", "t2");
        registry.apply(status("t2", "a1", TaskState.TASK_FAILED));
        assertThat(registry.relaunchNotBefore()).containsEntry("a1", clock.instant().plusSeconds(2));

        registry.launching("a1", "t3");
        registry.apply(status("t3", "a1", TaskState.TASK_RUNNING));

        assertThat(registry.relaunchNotBefore()).isEmpty();
    }

    @Test
    void aTaskMesosDoesNotKnowFreesTheAgentWithoutBackoff() {
        registry.launching("a1", "t1");

        assertThat(registry.apply(status("t1", "a1", TaskState.TASK_UNKNOWN))).isEqualTo(TaskRegistry.Change.ENDED);
        assertThat(registry.agentsWithExecutor()).isEmpty();
        assertThat(registry.relaunchNotBefore()).isEmpty();
    }

    @Test
    void aFailedStoreLeavesTheRegistryAsItWas() {
        registry.launching("a1", "t1");
        stores.failWrites = true;

        assertThatThrownBy(() -> registry.apply(status("t1", "a1", TaskState.TASK_FAILED))).isInstanceOf(StateStoreException.class);
        assertThat(registry.agentsWithExecutor()).containsExactly("a1");
        assertThat(registry.relaunchNotBefore()).isEmpty();
    }

    @Test
    void storedTasksLoadAsUnconfirmedAndHoldTheirAgents() {
        stores.tasks.put("a1", "t1");

        registry.load();

        assertThat(registry.task("a1")).get().extracting(AgentTask::confirmed).isEqualTo(false);
        assertThat(registry.agentsWithExecutor()).containsExactly("a1");
    }
}
