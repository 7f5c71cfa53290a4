package org.mesoslogstash.mesos.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExecutorEnvironmentTest {

    /** What an agent sets for a checkpointing framework's executor. */
    private static Map<String, String> agentEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("MESOS_AGENT_ENDPOINT", "10.0.0.5:5051");
        env.put("MESOS_FRAMEWORK_ID", "fw-0001");
        env.put("MESOS_EXECUTOR_ID", "logstash-executor-1");
        env.put("MESOS_CHECKPOINT", "1");
        env.put("MESOS_RECOVERY_TIMEOUT", "15mins");
        env.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs");
        env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "5secs");
        env.put("MESOS_DIRECTORY", "/var/lib/mesos/slaves/s1/frameworks/fw-0001/executors/e/runs/r");
        env.put("MESOS_SANDBOX", "/mnt/mesos/sandbox");
        return env;
    }

    @Test
    void readsEverythingTheAgentSets() {
        ExecutorEnvironment environment = ExecutorEnvironment.fromEnv(agentEnv());

        assertThat(environment.agent()).isEqualTo(URI.create("http://10.0.0.5:5051"));
        assertThat(environment.endpoint()).isEqualTo(URI.create("http://10.0.0.5:5051/api/v1/executor"));
        assertThat(environment.frameworkId().getValue()).isEqualTo("fw-0001");
        assertThat(environment.executorId().getValue()).isEqualTo("logstash-executor-1");
        assertThat(environment.checkpoint()).isTrue();
        assertThat(environment.recovery()).contains(new ExecutorEnvironment.Recovery(Duration.ofMinutes(15), Duration.ofSeconds(2)));
        assertThat(environment.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(environment.directory()).contains(Path.of("/var/lib/mesos/slaves/s1/frameworks/fw-0001/executors/e/runs/r"));
        assertThat(environment.sandbox()).contains(Path.of("/mnt/mesos/sandbox"));
        assertThat(environment.authenticationToken()).isEmpty();
    }

    @Test
    void withoutCheckpointingTheRecoveryVariablesAreNotNeeded() {
        Map<String, String> env = agentEnv();
        env.put("MESOS_CHECKPOINT", "0");
        env.remove("MESOS_RECOVERY_TIMEOUT");
        env.remove("MESOS_SUBSCRIPTION_BACKOFF_MAX");

        ExecutorEnvironment environment = ExecutorEnvironment.fromEnv(env);

        assertThat(environment.checkpoint()).isFalse();
        assertThat(environment.recovery()).isEmpty();
    }

    @Test
    void missingCheckpointFlagMeansNoCheckpointing() {
        Map<String, String> env = agentEnv();
        env.remove("MESOS_CHECKPOINT");

        assertThat(ExecutorEnvironment.fromEnv(env).checkpoint()).isFalse();
    }

    @Test
    void checkpointFlagAcceptsTrue() {
        Map<String, String> env = agentEnv();
        env.put("MESOS_CHECKPOINT", "TRUE");

        assertThat(ExecutorEnvironment.fromEnv(env).checkpoint()).isTrue();
    }

    @Test
    void sslMakesTheAgentHttps() {
        Map<String, String> env = agentEnv();
        env.put("MESOS_SSL_ENABLED", "true");

        assertThat(ExecutorEnvironment.fromEnv(env).endpoint()).isEqualTo(URI.create("https://10.0.0.5:5051/api/v1/executor"));
    }

    @Test
    void libprocessSslInheritedFromTheAgentMakesItHttpsToo() {
        Map<String, String> env = agentEnv();
        env.put("LIBPROCESS_SSL_ENABLED", "1");

        assertThat(ExecutorEnvironment.fromEnv(env).agent().getScheme()).isEqualTo("https");
    }

    @Test
    void ipv6AgentAddressesAreBracketed() {
        Map<String, String> env = agentEnv();
        env.put("MESOS_AGENT_ENDPOINT", "[fd00::5]:5051");
        assertThat(ExecutorEnvironment.fromEnv(env).agent()).isEqualTo(URI.create("http://[fd00::5]:5051"));

        env.put("MESOS_AGENT_ENDPOINT", "fd00::5:5051");
        assertThat(ExecutorEnvironment.fromEnv(env).agent()).isEqualTo(URI.create("http://[fd00::5]:5051"));
    }

    @Test
    void keepsTheAuthenticationToken() {
        Map<String, String> env = agentEnv();
        env.put("MESOS_EXECUTOR_AUTHENTICATION_TOKEN", "eyJhbGciOi.token");

        assertThat(ExecutorEnvironment.fromEnv(env).authenticationToken()).contains("eyJhbGciOi.token");
    }

    @Test
    void theTokenStaysOutOfToString() {
        Map<String, String> env = agentEnv();
        env.put("MESOS_EXECUTOR_AUTHENTICATION_TOKEN", "eyJhbGciOi.token");

        assertThat(ExecutorEnvironment.fromEnv(env).toString()).doesNotContain("eyJhbGciOi").contains("authenticationToken=(set)")
                .contains("logstash-executor-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MESOS_AGENT_ENDPOINT", "MESOS_FRAMEWORK_ID", "MESOS_EXECUTOR_ID", "MESOS_RECOVERY_TIMEOUT",
            "MESOS_SUBSCRIPTION_BACKOFF_MAX", "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD"})
    void aMissingRequiredVariableIsNamed(String variable) {
        Map<String, String> env = agentEnv();
        env.remove(variable);

        assertThatThrownBy(() -> ExecutorEnvironment.fromEnv(env))
                .isInstanceOfSatisfying(InvalidEnvironmentException.class, e -> assertThat(e.variable()).isEqualTo(variable))
                .hasMessageStartingWith(variable + " is not set");
    }

    @Test
    void aBlankVariableCountsAsMissing() {
        Map<String, String> env = agentEnv();
        env.put("MESOS_FRAMEWORK_ID", "  ");

        assertThatThrownBy(() -> ExecutorEnvironment.fromEnv(env)).hasMessageStartingWith("MESOS_FRAMEWORK_ID is not set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.5", "10.0.0.5:", ":5051", "10.0.0.5:0", "10.0.0.5:65536", "10.0.0.5:http",
            "http://10.0.0.5:5051", "10.0.0.5:5051/path"})
    void anUnusableAgentEndpointIsNamedWithItsValue(String endpoint) {
        Map<String, String> env = agentEnv();
        env.put("MESOS_AGENT_ENDPOINT", endpoint);

        assertThatThrownBy(() -> ExecutorEnvironment.fromEnv(env))
                .isInstanceOfSatisfying(InvalidEnvironmentException.class, e -> assertThat(e.variable()).isEqualTo("MESOS_AGENT_ENDPOINT"))
                .hasMessageContaining("'" + endpoint + "'").hasMessageContaining("host:port");
    }

    @Test
    void anUnparsableDurationIsNamedWithItsValue() {
        Map<String, String> env = agentEnv();
        env.put("MESOS_RECOVERY_TIMEOUT", "15 minutes");

        assertThatThrownBy(() -> ExecutorEnvironment.fromEnv(env))
                .isInstanceOfSatisfying(InvalidEnvironmentException.class, e -> assertThat(e.variable()).isEqualTo("MESOS_RECOVERY_TIMEOUT"))
                .hasMessageContaining("MESOS_RECOVERY_TIMEOUT").hasMessageContaining("'15 minutes'");
    }

    @Test
    void aZeroBackoffIsRefused() {
        Map<String, String> env = agentEnv();
        env.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", "0secs");

        assertThatThrownBy(() -> ExecutorEnvironment.fromEnv(env)).hasMessageContaining("MESOS_SUBSCRIPTION_BACKOFF_MAX='0secs'");
    }

    @Test
    void aCheckpointFlagThatIsNotABooleanIsNamed() {
        Map<String, String> env = agentEnv();
        env.put("MESOS_CHECKPOINT", "yes");

        assertThatThrownBy(() -> ExecutorEnvironment.fromEnv(env)).hasMessage("MESOS_CHECKPOINT='yes' is not a boolean; expected 1, 0, true or false");
    }
}
