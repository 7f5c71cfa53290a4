package org.mesoslogstash.scheduler.task;

import java.util.HashSet;
import java.util.Set;

/**
 * Where reconciliation after a (re)subscription stands. Explicit first, for the tasks the scheduler
 * knows; once all of them are answered (or the timeout passed) an implicit one asks Mesos for any task
 * the scheduler does not know, and offers are used again. Not thread-safe: used under the scheduler's lock.
 */
public final class Reconciliation {

    private final Set<String> awaiting = new HashSet<>();
    private boolean inProgress;
    private long round;

    /** Starts a round for these task ids; returns its number, to match the timeout to the round. */
    public long start(Set<String> taskIds) {
        awaiting.clear();
        awaiting.addAll(taskIds);
        inProgress = true;
        return ++round;
    }

    /** A status for this task arrived; true when that was the last one awaited. */
    public boolean answered(String taskId) {
        return inProgress && awaiting.remove(taskId) && awaiting.isEmpty();
    }

    public boolean awaitingNone() {
        return awaiting.isEmpty();
    }

    public Set<String> awaiting() {
        return Set.copyOf(awaiting);
    }

    public void complete() {
        awaiting.clear();
        inProgress = false;
    }

    /** Also true before the first subscription: nothing is known to be true yet. */
    public boolean inProgress() {
        return inProgress || round == 0;
    }

    public long round() {
        return round;
    }
}
