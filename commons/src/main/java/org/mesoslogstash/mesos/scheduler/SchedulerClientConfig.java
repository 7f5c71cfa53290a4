package org.mesoslogstash.mesos.scheduler;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * How the scheduler client talks to Mesos.
 *
 * @param credential           sent as HTTP Basic authentication when present
 * @param requestTimeout       for a call's answer, and for a SUBSCRIBE's response headers and first event
 * @param heartbeatMisses      the subscription is declared dead when no event (heartbeats included)
 *                             arrived for this many heartbeat intervals; Mesos suggests 5
 * @param defaultHeartbeat     the interval assumed if the master does not say (Mesos' default is 15 s)
 * @param maxRedirects         307 hops followed per request before giving up
 * @param maxEventBytes        the largest event accepted; a larger one is a broken stream
 * @param reconnectBackoff     the wait before the n-th consecutive failed (re)subscription (n >= 1);
 *                             pass the process's one backoff rule, such as {@code Backoff::delay}
 */
public record SchedulerClientConfig(
        Optional<Credential> credential,
        Duration requestTimeout,
        int heartbeatMisses,
        Duration defaultHeartbeat,
        int maxRedirects,
        int maxEventBytes,
        IntFunction<Duration> reconnectBackoff) {

    public static final String API_PATH = "/api/v1/scheduler";

    public SchedulerClientConfig {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(defaultHeartbeat, "defaultHeartbeat");
        Objects.requireNonNull(reconnectBackoff, "reconnectBackoff");
        if (!requestTimeout.isPositive() || !defaultHeartbeat.isPositive()) {
            throw new IllegalArgumentException("requestTimeout and defaultHeartbeat must be positive");
        }
        if (heartbeatMisses < 1 || maxRedirects < 0 || maxEventBytes < 1) {
            throw new IllegalArgumentException("heartbeatMisses must be >= 1, maxRedirects >= 0, maxEventBytes >= 1; were "
                    + heartbeatMisses + ", " + maxRedirects + ", " + maxEventBytes);
        }
    }

    /**
     * The documented recommendations: 75 s per request, 5 missed heartbeats, at most 5 redirects,
     * events up to 64 MiB, and the given backoff (Mesos suggests exponential up to 15 s).
     */
    public static SchedulerClientConfig defaults(IntFunction<Duration> reconnectBackoff) {
        return new SchedulerClientConfig(Optional.empty(), Duration.ofSeconds(75), 5, Duration.ofSeconds(15), 5,
                64 * 1024 * 1024, reconnectBackoff);
    }

    public SchedulerClientConfig withCredential(Credential credential) {
        return new SchedulerClientConfig(Optional.of(credential), requestTimeout, heartbeatMisses, defaultHeartbeat,
                maxRedirects, maxEventBytes, reconnectBackoff);
    }

    public SchedulerClientConfig withRequestTimeout(Duration timeout) {
        return new SchedulerClientConfig(credential, timeout, heartbeatMisses, defaultHeartbeat, maxRedirects,
                maxEventBytes, reconnectBackoff);
    }

    public SchedulerClientConfig withHeartbeatMisses(int misses) {
        return new SchedulerClientConfig(credential, requestTimeout, misses, defaultHeartbeat, maxRedirects,
                maxEventBytes, reconnectBackoff);
    }
}
