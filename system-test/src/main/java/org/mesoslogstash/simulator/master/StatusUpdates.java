package org.mesoslogstash.simulator.master;

import java.time.Instant;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Status updates the master makes itself (invalid launches, lost agents, reconciliation): source
 * MASTER and no uuid, so that schedulers do not acknowledge them, as in Mesos.
 */
final class StatusUpdates {

    private StatusUpdates() {
    }

    static TaskStatus fromMaster(TaskID taskId, AgentID agentId, TaskState state, TaskStatus.Reason reason, String message, Instant now) {
        TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(taskId).setState(state)
                .setSource(TaskStatus.Source.SOURCE_MASTER).setReason(reason).setMessage(message)
                .setTimestamp(now.toEpochMilli() / 1000.0);
        if (agentId != null) {
            status.setAgentId(agentId);
        }
        return status.build();
    }

    /** The latest known status, re-sent for reconciliation without its uuid. */
    static TaskStatus reconciled(TaskStatus latest, Instant now) {
        return latest.toBuilder().clearUuid().setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_RECONCILIATION).setMessage("Reconciliation: Latest task state")
                .setTimestamp(now.toEpochMilli() / 1000.0).build();
    }

    static Event event(TaskStatus status) {
        return Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(status)).build();
    }
}
