package org.mesoslogstash.simulator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;

class StatusUpdateQueuesTest {

    private static final FrameworkID FRAMEWORK = FrameworkID.newBuilder().setValue("f").build();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final List<TaskStatus> sent = new ArrayList<>();
    private final StatusUpdateQueues queues = new StatusUpdateQueues((f, s) -> sent.add(s), Duration.ofSeconds(10));

    private static TaskStatus update(String task, TaskState state, int uuid) {
        byte[] bytes = new byte[16];
        bytes[0] = (byte) uuid;
        return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(task)).setState(state).setUuid(ByteString.copyFrom(bytes)).build();
    }

    @Test
    void theNextUpdateOfATaskGoesOnlyAfterTheFirstIsAcknowledged() {
        TaskStatus running = update("t", TaskState.TASK_RUNNING, 1);
        TaskStatus finished = update("t", TaskState.TASK_FINISHED, 2);
        queues.add(FRAMEWORK, running, T0, true);
        queues.add(FRAMEWORK, finished, T0, true);
        assertThat(sent).containsExactly(running);

        queues.acknowledge(FRAMEWORK, "t", running.getUuid(), T0, true);

        assertThat(sent).containsExactly(running, finished);
    }

    @Test
    void anUnacknowledgedUpdateIsSentAgainAfterTheRetryInterval() {
        TaskStatus running = update("t", TaskState.TASK_RUNNING, 1);
        queues.add(FRAMEWORK, running, T0, true);

        queues.retry(T0.plusSeconds(9), false);
        assertThat(sent).hasSize(1);
        queues.retry(T0.plusSeconds(10), false);

        assertThat(sent).containsExactly(running, running);
    }

    @Test
    void anAcknowledgementOfAnotherUuidChangesNothing() {
        TaskStatus running = update("t", TaskState.TASK_RUNNING, 1);
        queues.add(FRAMEWORK, running, T0, true);

        assertThat(queues.acknowledge(FRAMEWORK, "t", update("t", TaskState.TASK_RUNNING, 9).getUuid(), T0, true)).isFalse();
        assertThat(queues.pending()).isEqualTo(1);
    }

    @Test
    void updatesOfADisconnectedAgentWaitForTheForcedRetry() {
        TaskStatus running = update("t", TaskState.TASK_RUNNING, 1);
        queues.add(FRAMEWORK, running, T0, false);
        assertThat(sent).isEmpty();

        queues.retry(T0, true);

        assertThat(sent).containsExactly(running);
    }
}
