package org.mesoslogstash.mesos.executor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;

/**
 * What the Mesos agent tells an executor process through its environment (documented in Mesos'
 * executor HTTP API): where the agent is, who the executor is, and how to behave when the agent goes
 * away. Read once, in the composition root, from {@code System.getenv()}.
 *
 * @param agent               the agent's base URL, {@code http(s)://host:port}, from
 *                            {@code MESOS_AGENT_ENDPOINT} (https when {@code MESOS_SSL_ENABLED} or
 *                            {@code LIBPROCESS_SSL_ENABLED}, inherited from an agent using SSL)
 * @param recovery            present iff the framework checkpoints ({@code MESOS_CHECKPOINT=1}): the
 *                            executor then outlives agent restarts and re-subscribes
 * @param shutdownGracePeriod how long the agent waits after SHUTDOWN before destroying the container
 * @param directory           the sandbox on the host ({@code MESOS_DIRECTORY}), if set
 * @param sandbox             the sandbox as the executor sees it ({@code MESOS_SANDBOX}), if set
 * @param authenticationToken sent as {@code Authorization: Bearer} when the agent requires it
 */
public record ExecutorEnvironment(
        URI agent,
        FrameworkID frameworkId,
        ExecutorID executorId,
        Optional<Recovery> recovery,
        Duration shutdownGracePeriod,
        Optional<Path> directory,
        Optional<Path> sandbox,
        Optional<String> authenticationToken) {

    public static final String API_PATH = "/api/v1/executor";

    /**
     * How to survive an agent restart.
     *
     * @param timeout    give up (and shut down) when not subscribed again within this time of the disconnection
     * @param backoffMax the longest wait between two subscription attempts
     */
    public record Recovery(Duration timeout, Duration backoffMax) {
        public Recovery {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(backoffMax, "backoffMax");
        }
    }

    public ExecutorEnvironment {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(frameworkId, "frameworkId");
        Objects.requireNonNull(executorId, "executorId");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(authenticationToken, "authenticationToken");
    }

    /** Everything but the token, which must not reach a log. */
    @Override
    public String toString() {
        return "ExecutorEnvironment[agent=" + agent + ", frameworkId=" + frameworkId.getValue() + ", executorId=" + executorId.getValue()
                + ", recovery=" + recovery + ", shutdownGracePeriod=" + shutdownGracePeriod + ", directory=" + directory
                + ", sandbox=" + sandbox + ", authenticationToken=" + authenticationToken.map(token -> "(set)").orElse("(none)") + "]";
    }

    public boolean checkpoint() {
        return recovery.isPresent();
    }

    /** The executor API endpoint, {@code <agent>/api/v1/executor}. */
    public URI endpoint() {
        return agent.resolve(API_PATH);
    }

    /**
     * Reads the environment. Required: {@code MESOS_AGENT_ENDPOINT}, {@code MESOS_FRAMEWORK_ID},
     * {@code MESOS_EXECUTOR_ID}, {@code MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD}, and when
     * {@code MESOS_CHECKPOINT} is true also {@code MESOS_RECOVERY_TIMEOUT} and
     * {@code MESOS_SUBSCRIPTION_BACKOFF_MAX}, as Mesos' own executor library requires.
     *
     * @throws InvalidEnvironmentException naming the first variable that is missing or unusable
     */
    public static ExecutorEnvironment fromEnv(Map<String, String> env) {
        // The executor inherits the agent's environment, so libprocess' own SSL switch counts too.
        boolean ssl = flag(env, "MESOS_SSL_ENABLED") || flag(env, "LIBPROCESS_SSL_ENABLED");
        URI agent = agent(required(env, "MESOS_AGENT_ENDPOINT"), ssl);
        FrameworkID frameworkId = FrameworkID.newBuilder().setValue(required(env, "MESOS_FRAMEWORK_ID")).build();
        ExecutorID executorId = ExecutorID.newBuilder().setValue(required(env, "MESOS_EXECUTOR_ID")).build();
        Optional<Recovery> recovery = flag(env, "MESOS_CHECKPOINT")
                ? Optional.of(new Recovery(duration(env, "MESOS_RECOVERY_TIMEOUT"), positive(env, "MESOS_SUBSCRIPTION_BACKOFF_MAX")))
                : Optional.empty();
        Duration grace = duration(env, "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD");
        return new ExecutorEnvironment(agent, frameworkId, executorId, recovery, grace,
                optional(env, "MESOS_DIRECTORY").map(Path::of), optional(env, "MESOS_SANDBOX").map(Path::of),
                optional(env, "MESOS_EXECUTOR_AUTHENTICATION_TOKEN"));
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(() -> new InvalidEnvironmentException(name,
                name + " is not set; the Mesos agent sets it for every executor it launches"));
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** Mesos writes "1" or "0"; "true" and "false" are accepted too. Unset is false. */
    private static boolean flag(Map<String, String> env, String name) {
        Optional<String> value = optional(env, name);
        if (value.isEmpty()) {
            return false;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new InvalidEnvironmentException(name, name + "='" + value.get() + "' is not a boolean; expected 1, 0, true or false");
        };
    }

    private static Duration duration(Map<String, String> env, String name) {
        String value = required(env, name);
        try {
            return MesosDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidEnvironmentException(name, name + ": " + e.getMessage());
        }
    }

    private static Duration positive(Map<String, String> env, String name) {
        Duration value = duration(env, name);
        if (value.isZero()) {
            throw new InvalidEnvironmentException(name, name + "='" + env.get(name) + "' must be longer than zero");
        }
        return value;
    }

    /** host:port, [ipv6]:port; no scheme and no path, as the agent writes its own address. */
    private static URI agent(String endpoint, boolean ssl) {
        String name = "MESOS_AGENT_ENDPOINT";
        int colon = endpoint.lastIndexOf(':');
        String host = colon > 0 ? endpoint.substring(0, colon) : "";
        String port = colon > 0 ? endpoint.substring(colon + 1) : "";
        if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
            host = "[" + host + "]"; // a bare IPv6 address
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (host.isEmpty() || host.contains("/") || number < 1 || number > 65535) {
            throw new InvalidEnvironmentException(name, name + "='" + endpoint + "' is not host:port (such as 10.0.0.5:5051)");
        }
        try {
            URI uri = new URI((ssl ? "https" : "http") + "://" + host + ":" + number);
            if (uri.getHost() == null) {
                throw new java.net.URISyntaxException(endpoint, "no host");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new InvalidEnvironmentException(name, name + "='" + endpoint + "' is not host:port (such as 10.0.0.5:5051): " + e.getMessage());
        }
    }
}
