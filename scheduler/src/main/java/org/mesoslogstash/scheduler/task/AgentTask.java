package org.mesoslogstash.scheduler.task;

import java.time.Instant;
import java.util.Objects;

import org.apache.mesos.v1.Protos.TaskState;

/**
 * The executor task of one agent as the scheduler knows it.
 *
 * @param state     the last state Mesos reported; TASK_STAGING also while a launch is in flight or, after
 *                  a restart, while the stored task is not yet confirmed by reconciliation
 * @param confirmed whether Mesos has reported on this task since it was launched or loaded
 * @param since     when the state was last set
 */
public record AgentTask(String agentId, String taskId, TaskState state, boolean confirmed, Instant since) {

    public AgentTask {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }
}
