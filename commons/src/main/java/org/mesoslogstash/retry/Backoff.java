package org.mesoslogstash.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff between retries: {@code initial} after the first failure, doubling after each
 * further one, never more than {@code max}. Every retrying part of the executor (reconnecting to
 * Docker, restarting a stream, reconnecting a sink, rewriting a checkpoint) uses this one rule, so
 * an operator reads one set of figures. Scheduler, executor and the Mesos clients share it.
 */
public record Backoff(Duration initial, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is shorter than initial " + initial);
        }
    }

    /** The wait after {@code failures} consecutive failures (1 for the first). */
    public Duration delay(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be >= 1, was " + failures);
        }
        // Doubling stops long before overflow: 2^30 times any sensible initial exceeds any sensible max.
        int doublings = Math.min(failures - 1, 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
