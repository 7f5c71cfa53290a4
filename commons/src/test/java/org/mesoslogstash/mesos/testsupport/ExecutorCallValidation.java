package org.mesoslogstash.mesos.testsupport;

import java.util.Optional;

import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;

/**
 * The structural checks Mesos' agent applies to an executor Call before acting on it
 * ({@code validation::executor::call::validate}), with its wording. Missing required fields make the
 * body fail to parse in the first place, as in Mesos.
 */
public final class ExecutorCallValidation {

    private ExecutorCallValidation() {
    }

    public static Optional<String> validate(Call call) {
        if (!call.hasType()) {
            return Optional.of("Expecting 'type' to be present");
        }
        if (!call.hasExecutorId()) {
            return Optional.of("Expecting 'executor_id' to be present");
        }
        if (!call.hasFrameworkId()) {
            return Optional.of("Expecting 'framework_id' to be present");
        }
        return switch (call.getType()) {
            case SUBSCRIBE -> call.hasSubscribe() ? Optional.empty() : Optional.of("Expecting 'subscribe' to be present");
            case UPDATE -> call.hasUpdate() ? update(call) : Optional.of("Expecting 'update' to be present");
            case MESSAGE -> call.hasMessage() ? Optional.empty() : Optional.of("Expecting 'message' to be present");
            default -> Optional.empty();
        };
    }

    private static Optional<String> update(Call call) {
        TaskStatus status = call.getUpdate().getStatus();
        String executor = call.getExecutorId().getValue();
        if (!status.hasUuid()) {
            return Optional.of("Expecting 'uuid' to be present");
        }
        if (status.getUuid().size() != 16) {
            return Optional.of("Not a valid UUID");
        }
        if (status.hasExecutorId() && !status.getExecutorId().getValue().equals(executor)) {
            return Optional.of("ExecutorID in Call: " + executor + " does not match ExecutorID in TaskStatus: " + status.getExecutorId().getValue());
        }
        if (status.getSource() != TaskStatus.Source.SOURCE_EXECUTOR) {
            return Optional.of("Received Call from executor " + executor + " of framework " + call.getFrameworkId().getValue()
                    + " with invalid source, expecting 'SOURCE_EXECUTOR'");
        }
        if (status.getState() == TaskState.TASK_STAGING) {
            return Optional.of("Received TASK_STAGING from executor " + executor + " of framework " + call.getFrameworkId().getValue()
                    + " which is not allowed");
        }
        return Optional.empty();
    }
}
