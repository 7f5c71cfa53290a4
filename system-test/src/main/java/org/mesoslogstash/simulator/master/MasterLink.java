package org.mesoslogstash.simulator.master;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskStatus;

/** What an agent tells the master: the messages a Mesos agent sends its master. */
public interface MasterLink {

    /** A status update for the scheduler, with the agent's uuid (re-sent by the agent until acknowledged). */
    void statusUpdate(AgentID agentId, FrameworkID frameworkId, TaskStatus status);

    /** A framework message from an executor (best-effort). */
    void executorMessage(AgentID agentId, FrameworkID frameworkId, ExecutorID executorId, ByteString data);

    /**
     * An executor ended; its resources are free again. {@code waitStatus} is the process's wait status
     * as Mesos reports it (exit code shifted by 8, or the signal), empty if it never started.
     */
    void executorTerminated(AgentID agentId, FrameworkID frameworkId, ExecutorID executorId, java.util.OptionalInt waitStatus);
}
