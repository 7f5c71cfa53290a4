package org.mesoslogstash.executor.checkpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;

/**
 * A checkpoint store for tests: keeps positions in memory, records every write, and can be told to
 * fail or to hold writes until released (a stuck disk).
 */
public final class InMemoryCheckpointStore implements CheckpointStore {

    private final Map<StreamKey, Position> positions = new HashMap<>();
    private final List<Map<StreamKey, Position>> batches = new ArrayList<>();
    private final Map<StreamKey, List<Position>> history = new HashMap<>();
    private final AtomicInteger failuresToThrow = new AtomicInteger();
    private volatile Semaphore gate;
    private final AtomicInteger blocked = new AtomicInteger();

    @Override
    public synchronized Optional<Position> load(StreamKey stream) {
        return Optional.ofNullable(positions.get(stream));
    }

    @Override
    public synchronized Map<StreamKey, Position> loadAll() {
        return Map.copyOf(positions);
    }

    @Override
    public void save(StreamKey stream, Position position) {
        saveAll(Map.of(stream, position));
    }

    @Override
    public void saveAll(Map<StreamKey, Position> batch) {
        passGate();
        if (failuresToThrow.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new CheckpointException("write", Path.of("/fake/disk"), new java.io.IOException("No space left on device"));
        }
        synchronized (this) {
            positions.putAll(batch);
            batches.add(Map.copyOf(batch));
            batch.forEach((k, p) -> history.computeIfAbsent(k, x -> new ArrayList<>()).add(p));
        }
    }

    @Override
    public void remove(StreamKey stream) {
        passGate();
        synchronized (this) {
            positions.remove(stream);
            history.computeIfAbsent(stream, x -> new ArrayList<>()).add(null);
        }
    }

    /** The next {@code n} writes throw. */
    public void failNext(int n) {
        failuresToThrow.set(n);
    }

    /** Writes block until {@link #unblock()}. */
    public void block() {
        gate = new Semaphore(0);
    }

    public void unblock() {
        Semaphore g = gate;
        gate = null;
        if (g != null) {
            g.release(Integer.MAX_VALUE / 2);
        }
    }

    public synchronized List<Map<StreamKey, Position>> batches() {
        return List.copyOf(batches);
    }

    /** Every position saved for the stream, in order; null marks a removal. */
    public synchronized List<Position> history(StreamKey stream) {
        return new ArrayList<>(history.getOrDefault(stream, List.of()));
    }

    private void passGate() {
        Semaphore g = gate;
        if (g != null) {
            blocked.incrementAndGet();
            g.acquireUninterruptibly();
            blocked.decrementAndGet();
            g.release();
        }
    }

    /** How many writes are waiting for {@link #unblock()}. */
    public int blockedWrites() {
        return blocked.get();
    }
}
