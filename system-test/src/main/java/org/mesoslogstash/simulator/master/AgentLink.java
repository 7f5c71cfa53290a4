package org.mesoslogstash.simulator.master;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * What the master asks of an agent: the messages Mesos' master sends its agents. Each only queues work
 * on the agent and returns at once, so the master may call it under its lock; the agent answers
 * through {@link MasterLink}.
 */
public interface AgentLink {

    void launch(FrameworkInfo framework, TaskInfo task);

    void kill(FrameworkID frameworkId, TaskID taskId);

    void shutdownExecutor(FrameworkID frameworkId, ExecutorID executorId);

    /** A framework message for an executor (best-effort). */
    void message(FrameworkID frameworkId, ExecutorID executorId, ByteString data);

    /** The scheduler acknowledged the status update with this uuid. */
    void acknowledge(FrameworkID frameworkId, TaskID taskId, ByteString uuid);

    /** The framework was removed: shut its executors down. */
    void shutdownFramework(FrameworkID frameworkId);
}
