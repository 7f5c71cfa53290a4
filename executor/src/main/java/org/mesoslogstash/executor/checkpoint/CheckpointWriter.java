package org.mesoslogstash.executor.checkpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes checkpoints off the delivery path, on one thread of its own.
 *
 * <p>{@link #submit} only records the position: while the disk is busy, later submissions for the
 * same stream replace earlier ones, so only the newest position per stream is written (coalescing),
 * in batches through {@link CheckpointStore#saveAll}. A failed write is retried with the backoff;
 * meanwhile the positions stay in memory (a newer submission still replaces an older one), the
 * failure is logged at WARN and reported by {@link #status()} and {@link #lastError()}: a disk
 * that cannot be written shows up, it is not hidden behind an ever-growing redelivery.
 *
 * <p>Every {@link #submit} and {@link #remove} returns a ticket, increasing in call order;
 * {@link #durableTicket()} is the highest ticket whose effect (and that of every earlier one) has
 * reached the store. Listeners added with {@link #onDurable} hear of each advance.
 */
public final class CheckpointWriter implements AutoCloseable {

    /** What the writer is doing; {@code RETRYING} means the last write failed and is being retried. */
    public enum State { RUNNING, RETRYING, CLOSED }

    /**
     * @param state               running, retrying a failed write, or closed
     * @param pendingStreams      streams whose newest position is not yet durable
     * @param consecutiveFailures failed writes since the last successful one
     * @param lastDurableAt       when the last write succeeded, or null if none has yet
     */
    public record Status(State state, int pendingStreams, int consecutiveFailures, Instant lastDurableAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);
    /** Marks a removal in the pending map (a Position can never be this object). */
    private static final Object REMOVE = new Object();

    private final CheckpointStore store;
    private final Backoff retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Thread thread;
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock:
    private LinkedHashMap<StreamKey, Object> pending = new LinkedHashMap<>();
    private Map<StreamKey, Object> writing = Map.of();
    private final Map<StreamKey, Position> durable = new HashMap<>();
    private long lastTicket;
    private long durableTicket;
    private boolean closing;
    private State state = State.RUNNING;
    private int failures;
    private CheckpointException lastError;
    private Instant lastDurableAt;

    public CheckpointWriter(CheckpointStore store, ThreadFactory threadFactory, Backoff retry, Clock clock) {
        this(store, threadFactory, retry, Sleeper.REAL, clock);
    }

    /** Starts the writer thread from {@code threadFactory}. */
    public CheckpointWriter(CheckpointStore store, ThreadFactory threadFactory, Backoff retry, Sleeper sleeper, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thread = threadFactory.newThread(this::run);
        thread.start();
    }

    /** Records {@code position} as {@code stream}'s checkpoint to be; returns its ticket. */
    public long submit(StreamKey stream, Position position) {
        return record(Objects.requireNonNull(stream, "stream"), Objects.requireNonNull(position, "position"));
    }

    /** Removes {@code stream}'s checkpoint after any position submitted for it before; returns its ticket. */
    public long remove(StreamKey stream) {
        return record(Objects.requireNonNull(stream, "stream"), REMOVE);
    }

    private long record(StreamKey stream, Object op) {
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("checkpoint writer is closed; cannot record " + stream);
            }
            pending.remove(stream); // re-insert at the end: the map's order is submission order
            pending.put(stream, op);
            changed.signalAll();
            return ++lastTicket;
        } finally {
            lock.unlock();
        }
    }

    /** Called on the writer thread with the new durable ticket after each successful write. */
    public void onDurable(LongConsumer listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public long durableTicket() {
        lock.lock();
        try {
            return durableTicket;
        } finally {
            lock.unlock();
        }
    }

    /** The positions known to be in the store, per stream, as written by this writer. */
    public Map<StreamKey, Position> durablePositions() {
        lock.lock();
        try {
            return Map.copyOf(durable);
        } finally {
            lock.unlock();
        }
    }

    public Status status() {
        lock.lock();
        try {
            long inWriteOnly = writing.keySet().stream().filter(k -> !pending.containsKey(k)).count();
            return new Status(state, pending.size() + (int) inWriteOnly, failures, lastDurableAt);
        } finally {
            lock.unlock();
        }
    }

    /** The last write failure, until a write succeeds again. */
    public Optional<CheckpointException> lastError() {
        lock.lock();
        try {
            return Optional.ofNullable(lastError);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until everything submitted before this call is durable (for as long as the disk fails). */
    public void flush() throws InterruptedException {
        long target = currentTicket();
        lock.lock();
        try {
            while (durableTicket < target) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #flush()} with a limit; returns whether everything submitted before it is durable. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long target = currentTicket();
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (durableTicket < target) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private long currentTicket() {
        lock.lock();
        try {
            return lastTicket;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops accepting submissions and writes what is pending, for at most {@code timeout}.
     * Returns whether everything submitted was made durable; if not, what was pending is logged
     * at WARN (those streams will be read again from their previous checkpoint).
     */
    public boolean close(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            if (closing) {
                return durableTicket == lastTicket;
            }
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        thread.join(Math.max(1, timeout.toMillis()));
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(1));
        }
        lock.lock();
        try {
            state = State.CLOSED;
            changed.signalAll();
            if (!pending.isEmpty()) {
                log.warn("Checkpoint writer closed with {} stream(s) not written ({}); they resume from their previous checkpoint",
                        pending.size(), pending.keySet());
            }
            return pending.isEmpty() && durableTicket == lastTicket;
        } finally {
            lock.unlock();
        }
    }

    /** Closes waiting up to 10 seconds; see {@link #close(Duration)}. */
    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(10));
    }

    private void run() {
        try {
            while (true) {
                LinkedHashMap<StreamKey, Object> batch;
                long batchTicket;
                lock.lock();
                try {
                    while (pending.isEmpty() && !closing) {
                        changed.await();
                    }
                    if (pending.isEmpty()) {
                        return;
                    }
                    batch = pending;
                    writing = batch;
                    batchTicket = lastTicket;
                    pending = new LinkedHashMap<>();
                } finally {
                    lock.unlock();
                }
                try {
                    write(batch);
                } catch (CheckpointException e) {
                    int failed = putBack(batch, e);
                    Duration wait = retry.delay(failed);
                    log.warn("Writing {} checkpoint(s) failed ({} time(s) in a row), retrying in {}: {}",
                            batch.size(), failed, wait, e.getMessage());
                    sleeper.sleep(wait);
                    continue;
                }
                succeeded(batch, batchTicket);
                for (LongConsumer listener : listeners) {
                    listener.accept(batchTicket);
                }
            }
        } catch (InterruptedException e) {
            log.warn("Checkpoint writer interrupted while closing; pending checkpoints are not written");
        }
    }

    private void write(Map<StreamKey, Object> batch) {
        Map<StreamKey, Position> saves = new LinkedHashMap<>();
        List<StreamKey> removes = new ArrayList<>();
        batch.forEach((key, op) -> {
            if (op == REMOVE) {
                removes.add(key);
            } else {
                saves.put(key, (Position) op);
            }
        });
        store.saveAll(saves);
        removes.forEach(store::remove);
    }

    private int putBack(Map<StreamKey, Object> batch, CheckpointException e) {
        lock.lock();
        try {
            // Submissions made while writing are newer than the failed batch and win.
            LinkedHashMap<StreamKey, Object> merged = new LinkedHashMap<>(batch);
            pending.forEach((key, op) -> {
                merged.remove(key);
                merged.put(key, op);
            });
            pending = merged;
            writing = Map.of();
            failures++;
            lastError = e;
            state = State.RETRYING;
            return failures;
        } finally {
            lock.unlock();
        }
    }

    private void succeeded(Map<StreamKey, Object> batch, long batchTicket) {
        lock.lock();
        try {
            batch.forEach((key, op) -> {
                if (op == REMOVE) {
                    durable.remove(key);
                } else {
                    durable.put(key, (Position) op);
                }
            });
            if (failures > 0) {
                log.info("Checkpoints are being written again after {} failed attempt(s)", failures);
            }
            failures = 0;
            lastError = null;
            state = State.RUNNING;
            lastDurableAt = clock.instant();
            durableTicket = batchTicket;
            writing = Map.of();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
