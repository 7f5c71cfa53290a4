package org.mesoslogstash.executor.mesos;

import java.util.Map;
import java.util.Objects;

import org.apache.mesos.v1.Protos.TaskInfo;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.config.distribution.InvalidAssignmentException;
import org.mesoslogstash.executor.assignment.AgentPlan;
import org.mesoslogstash.executor.assignment.AgentPlanner;
import org.mesoslogstash.executor.collector.CollectorConfigReader;
import org.mesoslogstash.executor.collector.ConfigException;

/**
 * Turns a configuration the scheduler assigned into the plan for this agent, with the process
 * environment's defaults and the host name events carry. Pure: nothing is started.
 */
final class AssignmentReader {

    /** What a launched task carries: a configuration to start collecting with, or why it cannot be used. */
    sealed interface TaskReading {
    }

    record Usable(CollectorAssignment assignment, AgentPlan plan) implements TaskReading {
    }

    /** {@code reason} names what is wrong, for TASK_FAILED. */
    record Unusable(String reason) implements TaskReading {
    }

    private final Map<String, String> env;
    private final String localHost;

    /**
     * @param env       the process environment, for the collector configuration's defaults ({@code DOCKER_HOST})
     * @param localHost the host name events carry when neither the configuration nor the agent names one
     */
    AssignmentReader(Map<String, String> env, String localHost) {
        this.env = Map.copyOf(env);
        this.localHost = Objects.requireNonNull(localHost, "localHost");
    }

    /** The host events carry: the agent's, once it named one, else this machine's. */
    String host(String agentHost) {
        return agentHost != null ? agentHost : localHost;
    }

    /** @throws ConfigException naming every problem of the assignment's configuration */
    AgentPlan read(CollectorAssignment assignment, String agentHost) {
        return new AgentPlanner(new CollectorConfigReader(env, host(agentHost))).plan(assignment);
    }

    /** Reads the assignment a launched task carries in its data. */
    TaskReading read(TaskInfo task, String agentHost) {
        if (task.getData().isEmpty()) {
            return new Unusable("the task carries no collector configuration: its TaskInfo.data must hold a "
                    + "CollectorAssignment (org.mesoslogstash.config.distribution)");
        }
        CollectorAssignment assignment;
        try {
            assignment = CollectorAssignment.parse(task.getData());
        } catch (InvalidAssignmentException e) {
            return new Unusable("the task's data is not a collector assignment: " + e.getMessage());
        }
        try {
            return new Usable(assignment, read(assignment, agentHost));
        } catch (ConfigException e) {
            return new Unusable(e.getMessage());
        }
    }
}
