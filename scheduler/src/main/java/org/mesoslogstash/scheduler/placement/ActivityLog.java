package org.mesoslogstash.scheduler.placement;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The most recent scheduling decisions, for the web UI: offers accepted and declined with their reasons,
 * launches, task state changes and failures. Bounded: the oldest entry goes when a new one comes in.
 * Thread-safe.
 */
public final class ActivityLog {

    public enum Kind { OFFER_ACCEPTED, OFFER_DECLINED, LAUNCH, TASK_STATE, FAILURE, RECONCILIATION, LIFECYCLE }

    /** One decision or event; {@code agent} is empty when it concerns no single agent. */
    public record Activity(Instant time, Kind kind, String agent, String detail) {
        public Activity {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private final int capacity;
    private final Deque<Activity> entries = new ArrayDeque<>();

    public ActivityLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized void add(Activity activity) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(activity);
    }

    /** Oldest first. */
    public synchronized List<Activity> recent() {
        return List.copyOf(entries);
    }
}
