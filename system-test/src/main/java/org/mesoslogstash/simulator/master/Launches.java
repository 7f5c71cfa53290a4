package org.mesoslogstash.simulator.master;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ACCEPT call, as Mesos' master carries it out: the offers are taken (if one is no longer valid,
 * every task of the call is TASK_LOST, or TASK_DROPPED for partition-aware frameworks, with
 * REASON_INVALID_OFFERS); each task is validated against what is left of them (TASK_ERROR with
 * REASON_TASK_INVALID when it fails); the resources left over are refused with the call's filters.
 * Runs under the master's lock.
 */
final class Launches {

    private static final Logger LOG = LoggerFactory.getLogger(Launches.class);

    private final Master master;
    private final Framework framework;

    Launches(Master master, Framework framework) {
        this.master = master;
        this.framework = framework;
    }

    void accept(Call.Accept accept) {
        List<OfferBook.Outstanding> taken = new ArrayList<>();
        Optional<String> invalid = take(accept.getOfferIdsList(), taken);
        List<TaskInfo> requested = accept.getOperationsList().stream()
                .filter(op -> op.getType() == Offer.Operation.Type.LAUNCH)
                .flatMap(op -> op.getLaunch().getTaskInfosList().stream()).toList();
        if (invalid.isPresent()) {
            TaskState state = framework.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
            for (TaskInfo task : requested) {
                send(task, state, TaskStatus.Reason.REASON_INVALID_OFFERS, "Task launched with invalid offers: " + invalid.get());
            }
            return;
        }
        String agentId = taken.get(0).agentId();
        ScalarResources remaining = taken.stream().map(OfferBook.Outstanding::resources)
                .reduce(ScalarResources.NONE, ScalarResources::plus);
        Set<String> taskIds = master.liveTaskIds(framework);
        for (Offer.Operation operation : accept.getOperationsList()) {
            if (operation.getType() != Offer.Operation.Type.LAUNCH) {
                LOG.warn("Framework {}: {} operations are not supported by the simulator; ignored",
                        framework.id.getValue(), operation.getType());
                continue;
            }
            for (TaskInfo task : operation.getLaunch().getTaskInfosList()) {
                boolean executorRunning = task.hasExecutor()
                        && master.executorRunning(agentId, framework.id, task.getExecutor().getExecutorId());
                Optional<String> error = LaunchValidation.validate(task, framework.id, AgentID.newBuilder().setValue(agentId).build(),
                        remaining, taskIds, executorRunning);
                if (error.isPresent()) {
                    send(task, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID, error.get());
                    continue;
                }
                ScalarResources uses = ScalarResources.of(task.getResourcesList());
                if (task.hasExecutor() && !executorRunning) {
                    uses = uses.plus(ScalarResources.of(task.getExecutor().getResourcesList()));
                }
                remaining = remaining.minus(uses);
                taskIds.add(task.getTaskId().getValue());
                master.launch(framework, agentId, task);
            }
        }
        master.refuse(framework, agentId, remaining, accept.getFilters());
    }

    /** Takes the offers out of circulation; the reason they cannot be used, if any (Mesos' {@code validation::offer}). */
    private Optional<String> take(List<OfferID> ids, List<OfferBook.Outstanding> taken) {
        if (ids.isEmpty()) {
            return Optional.of("No offers specified");
        }
        Optional<String> error = Optional.empty();
        for (OfferID id : ids) {
            Optional<OfferBook.Outstanding> offer = master.offers().take(id, framework.id);
            if (offer.isEmpty()) {
                error = error.or(() -> Optional.of("Offer " + id.getValue() + " is no longer valid"));
                continue;
            }
            if (!taken.isEmpty() && !taken.get(0).agentId().equals(offer.get().agentId())) {
                error = error.or(() -> Optional.of("Aggregated offers must belong to the same agent"));
            }
            taken.add(offer.get());
        }
        return error;
    }

    private void send(TaskInfo task, TaskState state, TaskStatus.Reason reason, String message) {
        LOG.info("Framework {}: task {} {}: {}", framework.id.getValue(), task.getTaskId().getValue(), state, message);
        framework.send(StatusUpdates.event(StatusUpdates.fromMaster(task.getTaskId(), task.getAgentId(), state, reason, message,
                master.now())));
    }
}
