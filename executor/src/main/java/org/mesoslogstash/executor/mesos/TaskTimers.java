package org.mesoslogstash.executor.mesos;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The task's two recurring timers on the executor's thread: the readiness check while a run starts
 * and the next report while it runs. At most one of each is pending; {@link #cancel()} stops both
 * when the run is replaced or ends. Not thread-safe: owned by the executor's thread.
 */
final class TaskTimers {

    private final ScheduledExecutorService thread;
    private ScheduledFuture<?> readinessCheck;
    private ScheduledFuture<?> nextReport;

    TaskTimers(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    void scheduleReadinessCheck(Runnable check, Duration after) {
        readinessCheck = thread.schedule(check, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Called first by the readiness check that fired. */
    void readinessCheckFired() {
        readinessCheck = null;
    }

    void scheduleReport(Runnable report, Duration after) {
        nextReport = thread.schedule(report, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Called first by the report that fired. */
    void reportFired() {
        nextReport = null;
    }

    boolean reportScheduled() {
        return nextReport != null;
    }

    void cancel() {
        if (nextReport != null) {
            nextReport.cancel(false);
            nextReport = null;
        }
        if (readinessCheck != null) {
            readinessCheck.cancel(false);
            readinessCheck = null;
        }
    }
}
