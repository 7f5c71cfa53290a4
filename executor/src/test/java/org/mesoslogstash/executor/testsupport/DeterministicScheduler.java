package org.mesoslogstash.executor.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} on virtual time for unit tests: nothing runs until the test
 * calls {@link #runDue()} or {@link #advance(Duration)}, and then on the test's thread, in order of
 * due time (ties in order of submission). {@link #clock()} reads the same virtual time. Periodic
 * scheduling is not supported; code under test reschedules one-shot tasks.
 */
public final class DeterministicScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private Instant now;
    private long sequence;
    private boolean shutdown;

    public DeterministicScheduler(Instant start) {
        this.now = start;
    }

    public DeterministicScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    public Instant now() {
        return now;
    }

    /** Runs every task due now, including tasks those tasks submit for now. */
    public void runDue() {
        while (!queue.isEmpty() && !queue.peek().due.isAfter(now)) {
            queue.poll().run();
        }
    }

    /** Moves time forward in steps to each due task, running it, up to {@code now + duration}. */
    public void advance(Duration duration) {
        Instant until = now.plus(duration);
        runDue();
        while (!queue.isEmpty() && !queue.peek().due.isAfter(until)) {
            now = queue.peek().due;
            runDue();
        }
        now = until;
    }

    /** Delays of the pending (not cancelled) tasks from now, soonest first. */
    public List<Duration> pendingDelays() {
        List<Task<?>> tasks = new ArrayList<>(queue);
        tasks.sort(null);
        return tasks.stream().filter(task -> !task.isCancelled()).map(task -> Duration.between(now, task.due)).toList();
    }

    private <V> Task<V> enqueue(Callable<V> callable, Duration delay) {
        if (shutdown) {
            throw new RejectedExecutionException("scheduler is shut down");
        }
        Task<V> task = new Task<>(callable, now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++);
        queue.add(task);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        enqueue(() -> {
            command.run();
            return null;
        }, Duration.ZERO);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(() -> {
            command.run();
            return null;
        }, Duration.of(delay, unit.toChronoUnit()));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(callable, Duration.of(delay, unit.toChronoUnit()));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("periodic tasks are not supported");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("periodic tasks are not supported");
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        queue.clear();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task<V> implements ScheduledFuture<V> {

        private final Callable<V> callable;
        private final Instant due;
        private final long order;
        private boolean cancelled;
        private boolean done;
        private V result;
        private Throwable failure;

        Task(Callable<V> callable, Instant due, long order) {
            this.callable = callable;
            this.due = due;
            this.order = order;
        }

        void run() {
            if (cancelled) {
                return;
            }
            try {
                result = callable.call();
            } catch (Exception e) {
                failure = e;
                throw new AssertionError("a scheduled task failed", e);
            } finally {
                done = true;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(now, due));
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> task = (Task<?>) other;
            int byDue = due.compareTo(task.due);
            return byDue != 0 ? byDue : Long.compare(order, task.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            queue.remove(this);
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public V get() throws ExecutionException {
            if (!done) {
                throw new IllegalStateException("task has not run; advance the scheduler first");
            }
            if (failure != null) {
                throw new ExecutionException(failure);
            }
            return result;
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws ExecutionException {
            return get();
        }
    }
}
