package org.mesoslogstash.executor.mesos;

import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.mesoslogstash.config.distribution.AppliedConfiguration;

/**
 * The updates that end a task or refuse one, each with the message an operator reads in Mesos.
 * TASK_RUNNING is {@link AppliedVersions#running}.
 */
final class TaskStatuses {

    private TaskStatuses() {
    }

    /** TASK_FAILED for a second LAUNCH: this executor runs one collector task per agent. */
    static TaskStatus launchRefused(TaskID refused, String running) {
        return TaskStatus.newBuilder().setTaskId(refused).setState(TaskState.TASK_FAILED).setReason(TaskStatus.Reason.REASON_TASK_INVALID)
                .setMessage("this executor already runs task " + running + "; it runs one collector task per agent").build();
    }

    /** TASK_KILLED, with the applied version in its labels when one was applied ({@code versions.any()}). */
    static TaskStatus killed(TaskID task, AppliedVersions versions, String message) {
        TaskStatus.Builder killed = TaskStatus.newBuilder().setTaskId(task).setState(TaskState.TASK_KILLED).setMessage(message);
        if (versions.any()) {
            killed.setLabels(AppliedConfiguration.labels(versions.version()));
        }
        return killed.build();
    }

    /** TASK_FAILED; {@code reason} may be null. */
    static TaskStatus failed(TaskID task, TaskStatus.Reason reason, String message) {
        TaskStatus.Builder failed = TaskStatus.newBuilder().setTaskId(task).setState(TaskState.TASK_FAILED).setMessage(message);
        if (reason != null) {
            failed.setReason(reason);
        }
        return failed.build();
    }
}
