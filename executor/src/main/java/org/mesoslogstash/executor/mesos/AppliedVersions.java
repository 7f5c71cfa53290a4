package org.mesoslogstash.executor.mesos;

import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.mesoslogstash.config.distribution.AppliedConfiguration;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.executor.assignment.AgentPlan;

/**
 * Which configuration version the task applied, and the newest one it rejected since: what a
 * newer assignment is judged against, and what TASK_RUNNING and TASK_KILLED report. Not
 * thread-safe: owned by the executor's thread, like the rest of the task's state.
 */
final class AppliedVersions {

    /** How an assignment compares to what was applied or rejected. */
    enum Verdict {
        /** Newer than anything seen: read and apply it. */
        NEWER,
        /** This version or a newer one is applied already. */
        APPLIED_ALREADY,
        /** This version or a newer one was rejected already. */
        REJECTED_ALREADY
    }

    /** A newer version that could not be applied, reported with the next TASK_RUNNING. */
    private record Rejection(long version, String reason) {
    }

    private CollectorAssignment applied;
    private AgentPlan appliedPlan;
    private Rejection rejection;

    /** Only once a version is applied. */
    Verdict judge(CollectorAssignment assignment) {
        if (assignment.version() <= applied.version()) {
            return Verdict.APPLIED_ALREADY;
        }
        if (rejection != null && assignment.version() <= rejection.version()) {
            return Verdict.REJECTED_ALREADY;
        }
        return Verdict.NEWER;
    }

    /** The assignment runs now; an earlier rejection is still reported until {@link #clearRejection()}. */
    void applied(CollectorAssignment assignment, AgentPlan plan) {
        applied = assignment;
        appliedPlan = plan;
    }

    void rejected(long version, String reason) {
        rejection = new Rejection(version, reason);
    }

    void clearRejection() {
        rejection = null;
    }

    boolean any() {
        return applied != null;
    }

    long version() {
        return applied.version();
    }

    long rejectedVersion() {
        return rejection.version();
    }

    AgentPlan plan() {
        return appliedPlan;
    }

    /** TASK_RUNNING with the applied version in its labels, and the rejected one if there is one. */
    TaskStatus running(TaskID task) {
        TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(task).setState(TaskState.TASK_RUNNING);
        if (rejection == null) {
            status.setLabels(AppliedConfiguration.labels(applied.version()))
                    .setMessage("collecting with configuration version " + applied.version());
        } else {
            status.setLabels(AppliedConfiguration.labels(applied.version(), rejection.version()))
                    .setMessage("collecting with configuration version " + applied.version() + "; version " + rejection.version()
                            + " was rejected: " + rejection.reason());
        }
        return status.build();
    }
}
