package org.mesoslogstash.mesos.executor;

import java.util.List;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The executor's side of the Mesos v1 executor API: one subscription to the local agent, renewed
 * across agent restarts when the framework checkpoints, and calls sent on it.
 *
 * <p>Status updates are reliable: each gets a fresh uuid and is kept until the agent acknowledges that
 * uuid, and every unacknowledged update (and every launched task none of whose updates was
 * acknowledged yet) goes with the next SUBSCRIBE. Framework messages are best-effort.
 */
public interface ExecutorClient extends AutoCloseable {

    /** Subscribes and delivers events to the listener until {@link #close()}. May be called once. */
    void start(ExecutorListener listener);

    /**
     * Sends a status update for one of this executor's tasks. The client sets the uuid, the executor
     * id, the source (executor) and the timestamp, and returns the status as sent. Unless the agent
     * refuses it as malformed, the update is kept and re-sent on re-subscription until acknowledged,
     * so it is not lost when the agent is unreachable right now.
     *
     * @throws org.mesoslogstash.mesos.http.MesosCallException when the agent refused the update (it is then dropped)
     * @throws IllegalArgumentException for a status Mesos would refuse (no task id or state, TASK_STAGING)
     */
    TaskStatus update(TaskStatus status);

    /**
     * Sends a framework message to the scheduler; best-effort, Mesos may drop it.
     *
     * @throws org.mesoslogstash.mesos.http.NotSubscribedException when not subscribed (nothing sent)
     * @throws org.mesoslogstash.mesos.http.MesosException when the agent did not accept it
     */
    void message(ByteString data);

    /** Updates not yet acknowledged by the agent, oldest first. */
    List<TaskStatus> unacknowledgedUpdates();

    /** Launched tasks none of whose updates the agent acknowledged yet. */
    List<TaskInfo> unacknowledgedTasks();

    /** Ends the subscription and the event thread; returns when the event thread has ended. */
    @Override
    void close();
}
