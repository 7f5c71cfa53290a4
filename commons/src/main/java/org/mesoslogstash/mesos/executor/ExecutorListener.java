package org.mesoslogstash.mesos.executor;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.executor.Protos.Event;

/**
 * What the executor hears from its agent. An {@link ExecutorClient} calls these on one thread of its
 * own, one at a time, in the order the agent sent the events; a listener may call the client back
 * (for example to send TASK_RUNNING) from within a callback.
 *
 * <p>The life of a connection: {@link #subscribed} first, then any events. When the agent goes away,
 * {@link #disconnected}; if the framework checkpoints, the client subscribes again by itself (with the
 * unacknowledged updates and tasks) and {@link #subscribed} comes again. If it cannot within the
 * recovery timeout, or the framework does not checkpoint, {@link #agentLost} is the last callback.
 */
public interface ExecutorListener {

    /** The agent accepted the (re)subscription; the event carries the executor, framework and agent info. */
    void subscribed(Event.Subscribed subscribed);

    /** A task to start; answer with an update (TASK_RUNNING once it runs, or TASK_FAILED with the reason). */
    void launch(TaskInfo task);

    /** Tasks to start together; only for executors that declare themselves able to. */
    default void launchGroup(TaskGroupInfo group) {
        group.getTasksList().forEach(this::launch);
    }

    /** Stop this task and send a terminal update (TASK_KILLED) once it stopped. */
    void kill(Event.Kill kill);

    /** The agent has the update with this uuid; it is no longer re-sent on re-subscription. */
    default void acknowledged(TaskID taskId, ByteString uuid) {
    }

    /** A framework message from the scheduler (best-effort: Mesos may drop it). */
    void message(ByteString data);

    /**
     * The agent asks the executor to stop all its tasks, send their terminal updates and exit within
     * the shutdown grace period ({@link ExecutorEnvironment#shutdownGracePeriod()}).
     */
    void shutdown();

    /** An asynchronous error from the agent; Mesos recommends that the executor abort. */
    void error(String message);

    /** The subscription was lost; events stop until the next {@link #subscribed} (if any). */
    default void disconnected(String reason) {
    }

    /**
     * The agent is gone for good: it did not take the executor back within the recovery timeout, the
     * framework does not checkpoint, or it refused the subscription. No further calls can be sent;
     * the executor must stop its tasks and exit. The last callback.
     */
    void agentLost(String reason);
}
