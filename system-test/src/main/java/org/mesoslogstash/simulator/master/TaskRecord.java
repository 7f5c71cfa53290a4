package org.mesoslogstash.simulator.master;

import java.util.EnumSet;
import java.util.Set;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/** A launched task as the master knows it: its info and the latest status it heard. Confined to the master's lock. */
final class TaskRecord {

    static final Set<TaskState> TERMINAL = EnumSet.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED, TaskState.TASK_KILLED,
            TaskState.TASK_ERROR, TaskState.TASK_LOST, TaskState.TASK_DROPPED, TaskState.TASK_GONE,
            TaskState.TASK_GONE_BY_OPERATOR);

    final FrameworkID frameworkId;
    final AgentID agentId;
    final TaskInfo task;
    TaskStatus latest;

    TaskRecord(FrameworkID frameworkId, AgentID agentId, TaskInfo task, TaskStatus staging) {
        this.frameworkId = frameworkId;
        this.agentId = agentId;
        this.task = task;
        this.latest = staging;
    }

    static String key(FrameworkID frameworkId, String taskId) {
        return frameworkId.getValue() + "/" + taskId;
    }

    String key() {
        return key(frameworkId, task.getTaskId().getValue());
    }

    boolean terminal() {
        return TERMINAL.contains(latest.getState());
    }
}
