package org.mesoslogstash.executor.mesos;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.mesoslogstash.mesos.executor.InvalidEnvironmentException;
import org.mesoslogstash.mesos.executor.MesosDuration;

/**
 * How the executor adapter paces its task. Durations in the environment use Mesos' format
 * ({@code 30secs}, {@code 2mins}, {@code 500ms}).
 *
 * @param dockerReadyTimeout  a task whose collection is not connected to Docker within this time of
 *                            starting fails (env {@code MESOS_LOGSTASH_DOCKER_READY_TIMEOUT}, default 60 s)
 * @param readinessPoll       how often readiness is checked while starting (200 ms)
 * @param reapplyCloseTimeout how long a run may take to stop when a new configuration replaces it (20 s)
 * @param terminalAckTimeout  how long to wait for the agent to acknowledge the terminal update before
 *                            exiting anyway (2 s); taken out of the grace period when stopping
 * @param shutdownGracePeriod the agent's {@code MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD}: stopping
 *                            (closing the collection and the terminal update) happens within it
 */
public record ExecutorSettings(Duration dockerReadyTimeout, Duration readinessPoll, Duration reapplyCloseTimeout,
                               Duration terminalAckTimeout, Duration shutdownGracePeriod) {

    public static final String DOCKER_READY_TIMEOUT_ENV = "MESOS_LOGSTASH_DOCKER_READY_TIMEOUT";

    public ExecutorSettings {
        for (Duration duration : new Duration[] {dockerReadyTimeout, readinessPoll, reapplyCloseTimeout, terminalAckTimeout, shutdownGracePeriod}) {
            Objects.requireNonNull(duration, "a duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + duration);
            }
        }
    }

    public static ExecutorSettings defaults(Duration shutdownGracePeriod) {
        return new ExecutorSettings(Duration.ofSeconds(60), Duration.ofMillis(200), Duration.ofSeconds(20),
                Duration.ofSeconds(2), shutdownGracePeriod);
    }

    /**
     * The defaults, with what the environment overrides.
     *
     * @throws InvalidEnvironmentException naming a variable that is set but not a duration
     */
    public static ExecutorSettings fromEnv(Map<String, String> env, Duration shutdownGracePeriod) {
        ExecutorSettings defaults = defaults(shutdownGracePeriod);
        String value = env.get(DOCKER_READY_TIMEOUT_ENV);
        if (value == null || value.isBlank()) {
            return defaults;
        }
        Duration timeout;
        try {
            timeout = MesosDuration.parse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidEnvironmentException(DOCKER_READY_TIMEOUT_ENV, DOCKER_READY_TIMEOUT_ENV + ": " + e.getMessage());
        }
        return new ExecutorSettings(timeout, defaults.readinessPoll(), defaults.reapplyCloseTimeout(),
                defaults.terminalAckTimeout(), shutdownGracePeriod);
    }

    /**
     * The time a collection may take to stop when a task ends within {@code grace}: the grace period
     * less the wait for the terminal update's acknowledgement, but never less than half of it.
     */
    Duration closeWithin(Duration grace) {
        Duration left = grace.minus(terminalAckTimeout);
        Duration half = grace.dividedBy(2);
        return left.compareTo(half) >= 0 ? left : half;
    }
}
