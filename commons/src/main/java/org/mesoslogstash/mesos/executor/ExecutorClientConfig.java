package org.mesoslogstash.mesos.executor;

import java.time.Duration;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * How the executor client talks to its agent; what the agent dictates is in {@link ExecutorEnvironment}.
 *
 * @param requestTimeout   for a call's answer, and for a SUBSCRIBE's response headers and first event
 * @param maxEventBytes    the largest event accepted; a larger one is a broken stream
 * @param reconnectBackoff the wait before the n-th consecutive subscription attempt after a disconnection
 *                         (n >= 1), never longer than the agent's {@code MESOS_SUBSCRIPTION_BACKOFF_MAX};
 *                         pass the process's one backoff rule, such as {@code Backoff::delay}
 */
public record ExecutorClientConfig(Duration requestTimeout, int maxEventBytes, IntFunction<Duration> reconnectBackoff) {

    public ExecutorClientConfig {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(reconnectBackoff, "reconnectBackoff");
        if (!requestTimeout.isPositive() || maxEventBytes < 1) {
            throw new IllegalArgumentException("requestTimeout and maxEventBytes must be positive; were " + requestTimeout + ", " + maxEventBytes);
        }
    }

    /** 30 s per request, events up to 64 MiB (a LAUNCH carries a whole TaskInfo), and the given backoff. */
    public static ExecutorClientConfig defaults(IntFunction<Duration> reconnectBackoff) {
        return new ExecutorClientConfig(Duration.ofSeconds(30), 64 * 1024 * 1024, reconnectBackoff);
    }
}
