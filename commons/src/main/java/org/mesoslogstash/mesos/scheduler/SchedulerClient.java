package org.mesoslogstash.mesos.scheduler;

import java.util.List;
import java.util.Optional;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.mesoslogstash.mesos.http.MesosCallException;
import org.mesoslogstash.mesos.http.MesosConnectionException;
import org.mesoslogstash.mesos.http.MesosException;
import org.mesoslogstash.mesos.http.NotSubscribedException;

/**
 * The scheduler's side of the Mesos v1 scheduler API: one subscription, kept alive across master
 * failovers and network trouble, and calls sent on it.
 *
 * <p>Calls block until the master answered and throw a {@link MesosException} subtype when it did not
 * accept them: {@link NotSubscribedException} (no subscription right now, nothing sent),
 * {@link MesosCallException} (the master's status and reason) or {@link MesosConnectionException}.
 * "Accepted" means only that: Mesos may still drop the call, so what matters is confirmed by events.
 * The framework id is filled in by the client.
 */
public interface SchedulerClient extends AutoCloseable {

    /**
     * Starts subscribing with this framework info (with its id, if the framework existed before) and
     * delivers events to the listener until {@link #close()}. May be called once.
     */
    void start(FrameworkInfo frameworkInfo, SchedulerListener listener);

    /** The id the master assigned or confirmed, once subscribed. */
    Optional<FrameworkID> frameworkId();

    /** Sends a call on the current subscription; its framework id is set by the client. */
    void send(Call call);

    default void accept(List<OfferID> offerIds, List<Offer.Operation> operations, Filters filters) {
        send(Call.newBuilder().setType(Call.Type.ACCEPT)
                .setAccept(Call.Accept.newBuilder().addAllOfferIds(offerIds).addAllOperations(operations).setFilters(filters))
                .build());
    }

    default void decline(List<OfferID> offerIds, Filters filters) {
        send(Call.newBuilder().setType(Call.Type.DECLINE)
                .setDecline(Call.Decline.newBuilder().addAllOfferIds(offerIds).setFilters(filters))
                .build());
    }

    default void kill(TaskID taskId, AgentID agentId) {
        send(Call.newBuilder().setType(Call.Type.KILL)
                .setKill(Call.Kill.newBuilder().setTaskId(taskId).setAgentId(agentId))
                .build());
    }

    default void shutdown(ExecutorID executorId, AgentID agentId) {
        send(Call.newBuilder().setType(Call.Type.SHUTDOWN)
                .setShutdown(Call.Shutdown.newBuilder().setExecutorId(executorId).setAgentId(agentId))
                .build());
    }

    /** Acknowledges a status update that carried a uuid (updates without one must not be acknowledged). */
    default void acknowledge(AgentID agentId, TaskID taskId, ByteString uuid) {
        send(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE)
                .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(agentId).setTaskId(taskId).setUuid(uuid))
                .build());
    }

    /** Asks for the state of these tasks; an empty list asks for all tasks the master knows (implicit). */
    default void reconcile(List<Call.Reconcile.Task> tasks) {
        send(Call.newBuilder().setType(Call.Type.RECONCILE)
                .setReconcile(Call.Reconcile.newBuilder().addAllTasks(tasks))
                .build());
    }

    /** A framework message to an executor; best-effort, Mesos may drop it. */
    default void message(AgentID agentId, ExecutorID executorId, ByteString data) {
        send(Call.newBuilder().setType(Call.Type.MESSAGE)
                .setMessage(Call.Message.newBuilder().setAgentId(agentId).setExecutorId(executorId).setData(data))
                .build());
    }

    default void revive() {
        send(Call.newBuilder().setType(Call.Type.REVIVE).build());
    }

    default void suppress() {
        send(Call.newBuilder().setType(Call.Type.SUPPRESS).build());
    }

    /**
     * Removes the framework: Mesos kills its tasks and executors. The client stops re-subscribing once
     * the master accepted this; it is meant to be the last call.
     */
    default void teardown() {
        send(Call.newBuilder().setType(Call.Type.TEARDOWN).build());
    }

    /**
     * Closes the subscription without tearing the framework down: its tasks keep running for the
     * failover timeout, so that a restarted scheduler can take them over. Returns when the event
     * thread has ended.
     */
    @Override
    void close();
}
