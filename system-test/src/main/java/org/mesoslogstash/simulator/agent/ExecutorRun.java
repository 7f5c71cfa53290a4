package org.mesoslogstash.simulator.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Event;
import org.mesoslogstash.simulator.http.RecordIoStream;

/**
 * One run of an executor on an agent: its process, sandbox, subscription and tasks. Confined to the
 * agent's thread.
 */
final class ExecutorRun {

    final FrameworkInfo framework;
    final ExecutorInfo executor;
    final ContainerID containerId;
    final Path sandbox;
    Process process;
    RecordIoStream<Event> subscription;
    /** Tasks launched but not yet sent to the executor (it has not subscribed yet). */
    final List<TaskInfo> queued = new ArrayList<>();
    /** Tasks sent to the executor, by id, with the last state it reported. */
    final Map<String, TaskState> launched = new LinkedHashMap<>();
    final Set<String> killRequested = new HashSet<>();
    /** SUBSCRIBEs accepted, re-subscriptions included. */
    int subscriptions;
    boolean terminated;
    /** How the tasks end if the process does: the agent's reason, unless it was killed for one. */
    TaskStatus.Reason terminationReason = TaskStatus.Reason.REASON_EXECUTOR_TERMINATED;
    String terminationMessage = "Executor terminated";
    TaskState terminationState = TaskState.TASK_FAILED;

    ExecutorRun(FrameworkInfo framework, ExecutorInfo executor, ContainerID containerId, Path sandbox) {
        this.framework = framework;
        this.executor = executor;
        this.containerId = containerId;
        this.sandbox = sandbox;
    }

    String key() {
        return key(framework.getId().getValue(), executor.getExecutorId().getValue());
    }

    static String key(String frameworkId, String executorId) {
        return frameworkId + "/" + executorId;
    }

    boolean subscribed() {
        return subscription != null && subscription.isOpen();
    }

    boolean hasTask(String taskId) {
        return launched.containsKey(taskId) || queued.stream().anyMatch(t -> t.getTaskId().getValue().equals(taskId));
    }

    void terminateWith(TaskState state, TaskStatus.Reason reason, String message) {
        this.terminationState = state;
        this.terminationReason = reason;
        this.terminationMessage = message;
    }
}
