package org.mesoslogstash.simulator.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * The variables a Mesos agent sets for an executor it launches (its {@code executorEnvironment}), on
 * top of the agent's own environment, which the executor inherits: the agent endpoint, ids, sandbox,
 * checkpointing and, when checkpointing, the recovery timeout and subscription backoff; then the
 * CommandInfo's own variables, which win. Pure.
 */
public final class ExecutorEnvironmentVariables {

    /** What the agent dictates to every executor. */
    public record AgentSettings(AgentID agentId, int port, Duration recoveryTimeout, Duration subscriptionBackoffMax,
            Duration shutdownGracePeriod) {
    }

    private ExecutorEnvironmentVariables() {
    }

    public static Map<String, String> of(AgentSettings agent, FrameworkInfo framework, ExecutorInfo executor, Path sandbox) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MESOS_AGENT_ENDPOINT", "127.0.0.1:" + agent.port());
        env.put("MESOS_SLAVE_ID", agent.agentId().getValue());
        env.put("MESOS_SLAVE_PID", "slave(1)@127.0.0.1:" + agent.port());
        env.put("MESOS_FRAMEWORK_ID", framework.getId().getValue());
        env.put("MESOS_EXECUTOR_ID", executor.getExecutorId().getValue());
        env.put("MESOS_DIRECTORY", sandbox.toString());
        env.put("MESOS_SANDBOX", sandbox.toString());
        env.put("MESOS_HTTP_COMMAND_EXECUTOR", "0");
        env.put("MESOS_CHECKPOINT", framework.getCheckpoint() ? "1" : "0");
        if (framework.getCheckpoint()) {
            env.put("MESOS_RECOVERY_TIMEOUT", mesosDuration(agent.recoveryTimeout()));
            env.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", mesosDuration(agent.subscriptionBackoffMax()));
        }
        env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", mesosDuration(agent.shutdownGracePeriod()));
        for (Environment.Variable variable : executor.getCommand().getEnvironment().getVariablesList()) {
            env.put(variable.getName(), variable.getValue());
        }
        return env;
    }

    /** A duration the way Mesos writes it: {@code 15mins}, {@code 2secs}, {@code 500ms}. */
    public static String mesosDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "mins";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "secs";
        }
        return millis + "ms";
    }
}
