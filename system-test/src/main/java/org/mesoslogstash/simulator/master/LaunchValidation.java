package org.mesoslogstash.simulator.master;

import java.util.Optional;
import java.util.Set;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The checks Mesos' master applies to each task of a LAUNCH operation ({@code validation::task}), with
 * its wording; a failed check becomes a TASK_ERROR with REASON_TASK_INVALID. Pure.
 */
public final class LaunchValidation {

    private LaunchValidation() {
    }

    /**
     * @param remaining       what is left of the offered resources after the earlier tasks of the call
     * @param knownTaskIds    the framework's tasks that are not yet terminal, and those launched earlier in the call
     * @param executorRunning whether the task's executor already runs on the agent (its resources are then in use already)
     */
    public static Optional<String> validate(TaskInfo task, FrameworkID frameworkId, AgentID offeredAgent,
            ScalarResources remaining, Set<String> knownTaskIds, boolean executorRunning) {
        if (knownTaskIds.contains(task.getTaskId().getValue())) {
            return Optional.of("Task has duplicate ID: " + task.getTaskId().getValue());
        }
        if (!task.getAgentId().equals(offeredAgent)) {
            return Optional.of("Task uses invalid agent: " + task.getAgentId().getValue());
        }
        if (task.hasExecutor() == task.hasCommand()) {
            return Optional.of("Task should have at least one (but not both) of CommandInfo or ExecutorInfo present");
        }
        if (task.hasExecutor() && task.getExecutor().hasFrameworkId() && !task.getExecutor().getFrameworkId().equals(frameworkId)) {
            return Optional.of("ExecutorInfo has an invalid FrameworkID (Actual: " + task.getExecutor().getFrameworkId().getValue()
                    + " vs Expected: " + frameworkId.getValue() + ")");
        }
        if (task.getResourcesCount() == 0) {
            return Optional.of("Task uses no resources");
        }
        ScalarResources total = ScalarResources.of(task.getResourcesList());
        if (task.hasExecutor() && !executorRunning) {
            total = total.plus(ScalarResources.of(task.getExecutor().getResourcesList()));
        }
        if (!remaining.contains(total)) {
            return Optional.of("Task uses more resources " + total + " than available " + remaining);
        }
        return Optional.empty();
    }
}
