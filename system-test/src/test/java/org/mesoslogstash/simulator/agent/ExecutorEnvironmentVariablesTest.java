package org.mesoslogstash.simulator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.mesos.executor.ExecutorEnvironment;

class ExecutorEnvironmentVariablesTest {

    private static final ExecutorEnvironmentVariables.AgentSettings AGENT = new ExecutorEnvironmentVariables.AgentSettings(
            AgentID.newBuilder().setValue("a1").build(), 5051, Duration.ofMinutes(15), Duration.ofSeconds(2), Duration.ofMillis(1500));
    private static final ExecutorInfo EXECUTOR = ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue("e1"))
            .setCommand(CommandInfo.newBuilder().setValue("run").setEnvironment(Environment.newBuilder()
                    .addVariables(Environment.Variable.newBuilder().setName("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD").setValue("9secs"))
                    .addVariables(Environment.Variable.newBuilder().setName("OWN").setValue("yes"))))
            .build();

    private static FrameworkInfo framework(boolean checkpoint) {
        return FrameworkInfo.newBuilder().setUser("root").setName("f").setId(FrameworkID.newBuilder().setValue("f1")).setCheckpoint(checkpoint).build();
    }

    @Test
    void checkpointingFrameworksExecutorGetsTheRecoverySettings() {
        Map<String, String> env = ExecutorEnvironmentVariables.of(AGENT, framework(true), EXECUTOR, Path.of("/sandbox"));

        assertThat(env).containsEntry("MESOS_AGENT_ENDPOINT", "127.0.0.1:5051").containsEntry("MESOS_FRAMEWORK_ID", "f1")
                .containsEntry("MESOS_EXECUTOR_ID", "e1").containsEntry("MESOS_CHECKPOINT", "1")
                .containsEntry("MESOS_RECOVERY_TIMEOUT", "15mins").containsEntry("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs")
                .containsEntry("MESOS_DIRECTORY", "/sandbox").containsEntry("MESOS_SANDBOX", "/sandbox");
    }

    @Test
    void nonCheckpointingFrameworksExecutorGetsNoRecoverySettings() {
        Map<String, String> env = ExecutorEnvironmentVariables.of(AGENT, framework(false), EXECUTOR, Path.of("/sandbox"));

        assertThat(env).containsEntry("MESOS_CHECKPOINT", "0").doesNotContainKeys("MESOS_RECOVERY_TIMEOUT", "MESOS_SUBSCRIPTION_BACKOFF_MAX");
    }

    @Test
    void theCommandsOwnVariablesWin() {
        Map<String, String> env = ExecutorEnvironmentVariables.of(AGENT, framework(true), EXECUTOR, Path.of("/sandbox"));

        assertThat(env).containsEntry("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "9secs").containsEntry("OWN", "yes");
    }

    @Test
    void commonsExecutorEnvironmentReadsWhatTheAgentSets() {
        ExecutorEnvironment read = ExecutorEnvironment.fromEnv(ExecutorEnvironmentVariables.of(AGENT,
                framework(true), EXECUTOR.toBuilder().setCommand(CommandInfo.newBuilder().setValue("run")).build(), Path.of("/sandbox")));

        assertThat(read.shutdownGracePeriod()).isEqualTo(Duration.ofMillis(1500));
        assertThat(read.recovery()).hasValueSatisfying(r -> assertThat(r.timeout()).isEqualTo(Duration.ofMinutes(15)));
    }

    @Test
    void durationsAreWrittenInMesosUnits() {
        assertThat(ExecutorEnvironmentVariables.mesosDuration(Duration.ofMinutes(2))).isEqualTo("2mins");
        assertThat(ExecutorEnvironmentVariables.mesosDuration(Duration.ofSeconds(90))).isEqualTo("90secs");
        assertThat(ExecutorEnvironmentVariables.mesosDuration(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}
