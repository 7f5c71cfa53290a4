package org.mesoslogstash.scheduler.task;

import java.util.EnumSet;
import java.util.Set;

import org.apache.mesos.v1.Protos.TaskState;

/** How the scheduler reads Mesos task states. */
public final class TaskStates {

    /**
     * States in which the agent has (or may again have) its executor, so no second one may be placed.
     * UNREACHABLE counts: a partitioned agent's executor usually comes back with it.
     */
    public static final Set<TaskState> LIVE = EnumSet.of(TaskState.TASK_STAGING, TaskState.TASK_STARTING,
            TaskState.TASK_RUNNING, TaskState.TASK_KILLING, TaskState.TASK_UNREACHABLE);

    /** The agent is gone for good: forget its task and its backoff. */
    public static final Set<TaskState> GONE = EnumSet.of(TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR);

    private TaskStates() {
    }

    public static boolean live(TaskState state) {
        return LIVE.contains(state);
    }
}
