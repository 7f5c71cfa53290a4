package org.mesoslogstash.simulator.master;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The master's answer to RECONCILE, as Mesos gives it: with no tasks named (implicit), the latest
 * state of every task it knows of the framework; for each named task (explicit), its latest state, or
 * if unknown TASK_LOST (partition-aware frameworks: TASK_GONE when the agent is known, TASK_UNKNOWN
 * when not). Every answer has reason REASON_RECONCILIATION and no uuid. Pure.
 */
final class Reconciliation {

    private Reconciliation() {
    }

    static List<TaskStatus> answer(List<Call.Reconcile.Task> wanted, FrameworkID frameworkId, boolean partitionAware,
            Map<String, TaskRecord> tasks, Predicate<String> agentKnown, Instant now) {
        List<TaskStatus> answers = new ArrayList<>();
        if (wanted.isEmpty()) {
            Collection<TaskRecord> all = tasks.values();
            all.stream().filter(t -> t.frameworkId.equals(frameworkId)).forEach(t -> answers.add(StatusUpdates.reconciled(t.latest, now)));
            return answers;
        }
        for (Call.Reconcile.Task task : wanted) {
            TaskRecord known = tasks.get(TaskRecord.key(frameworkId, task.getTaskId().getValue()));
            if (known != null) {
                answers.add(StatusUpdates.reconciled(known.latest, now));
                continue;
            }
            boolean onKnownAgent = task.hasAgentId() && agentKnown.test(task.getAgentId().getValue());
            TaskState state = !partitionAware ? TaskState.TASK_LOST : onKnownAgent ? TaskState.TASK_GONE : TaskState.TASK_UNKNOWN;
            answers.add(StatusUpdates.fromMaster(task.getTaskId(), onKnownAgent ? task.getAgentId() : null, state,
                    TaskStatus.Reason.REASON_RECONCILIATION, "Reconciliation: Task is unknown", now));
        }
        return answers;
    }
}
