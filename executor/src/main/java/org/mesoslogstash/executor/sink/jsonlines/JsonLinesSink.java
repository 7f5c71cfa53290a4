package org.mesoslogstash.executor.sink.jsonlines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.sink.EventJson;
import org.mesoslogstash.executor.sink.HandOver;
import org.mesoslogstash.executor.sink.Sink;
import org.mesoslogstash.executor.sink.SinkClosedException;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;

/**
 * Writes each event as one JSON document ({@link EventJson}) per line, to a file or a stream (for
 * example stdout, for a Logstash reading it or for debugging).
 *
 * <p>Guarantees: a batch is acknowledged only after all of its lines are written and, for a file,
 * forced to disk; batches are written and acknowledged in publish order. A failed write (a full
 * disk) is retried with backoff until it succeeds or the sink is closed, never dropped; a file is
 * cut back to where the failed write began, so no half line stays behind.
 *
 * <p>Back-pressure: {@link #publish} encodes on the caller's thread, then one writer thread writes;
 * {@link #publish} blocks while {@value #MAX_QUEUED_BATCHES}
 * batches wait for it. An interrupted publisher's batch is accepted anyway (and the interrupt flag
 * restored), as in the beats sink.
 */
public final class JsonLinesSink implements Sink {

    static final int MAX_QUEUED_BATCHES = 4;
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesSink.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final LineTarget target;
    private final EventJson json;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final String name;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Condition space = lock.newCondition();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>(); // guarded by lock; head is being written
    private boolean closed;
    private final Thread writer;
    /** Completes stages in order on a thread of their own, so a blocking dependent action never stalls the writer. */
    private final ExecutorService completions = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("jsonlines-completions").factory());

    private JsonLinesSink(LineTarget target, EventJson json, Backoff backoff, Sleeper sleeper) {
        this.target = target;
        this.json = Objects.requireNonNull(json, "json");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.name = target.toString();
        this.writer = Thread.ofVirtual().name("jsonlines-writer").unstarted(this::writeLoop);
    }

    /** Appends to {@code file} (created if missing), fsync'ed before each acknowledgement. */
    public static JsonLinesSink toFile(Path file, EventJson json, Backoff backoff, Sleeper sleeper) {
        return toFile(file, json, backoff, sleeper, LineTarget.Opener.REAL);
    }

    static JsonLinesSink toFile(Path file, EventJson json, Backoff backoff, Sleeper sleeper, LineTarget.Opener opener) {
        return start(new LineTarget.FileTarget(Objects.requireNonNull(file, "file"), opener), json, backoff, sleeper);
    }

    /** Writes to {@code out} (not closed by {@link #close()}), flushed before each acknowledgement. */
    public static JsonLinesSink toStream(OutputStream out, String name, EventJson json) {
        return start(new LineTarget.StreamTarget(Objects.requireNonNull(out, "out"), name), json, Backoff.DEFAULT, Sleeper.REAL);
    }

    private static JsonLinesSink start(LineTarget target, EventJson json, Backoff backoff, Sleeper sleeper) {
        JsonLinesSink sink = new JsonLinesSink(target, json, backoff, sleeper);
        sink.writer.start();
        LOG.info("{} started", sink.name);
        return sink;
    }

    @Override
    public CompletionStage<Void> publish(List<LogEvent> batch) {
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Pending item = new Pending(encode(batch), batch.size());
        return HandOver.offer(lock, space, () -> closed, () -> pending.size() >= MAX_QUEUED_BATCHES, () -> {
            pending.addLast(item);
            queued.signalAll();
        }, item.written, name, batch.size());
    }

    @Override
    public void close() {
        List<Pending> abandoned;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            // Including a batch being written now: it is not acknowledged, so it is read again.
            abandoned = new ArrayList<>(pending);
            pending.clear();
            queued.signalAll();
            space.signalAll();
        } finally {
            lock.unlock();
        }
        writer.interrupt();
        try {
            writer.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int events = abandoned.stream().mapToInt(p -> p.events).sum();
        SinkClosedException exception = new SinkClosedException(name, events);
        completions.execute(() -> abandoned.forEach(p -> p.written.completeExceptionally(exception)));
        completions.shutdown();
        try {
            if (!completions.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: actions depending on written batches still running after {}", name, CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            target.close();
        } catch (IOException e) {
            LOG.warn("{}: closing failed: {}", name, e.toString());
        }
        LOG.info("{} closed; {} events were not written", name, events);
    }

    private void writeLoop() {
        while (true) {
            Pending next;
            lock.lock();
            try {
                while (!closed && pending.isEmpty()) {
                    queued.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                next = pending.peekFirst();
            } finally {
                lock.unlock();
            }
            if (!writeWithRetries(next.lines)) {
                return; // closed while retrying; close() fails what is left
            }
            lock.lock();
            try {
                if (closed) {
                    return; // close() has failed this batch already
                }
                pending.removeFirst();
                space.signalAll();
                // Under the lock, while not closed: close() shuts the executor down only later.
                completions.execute(() -> next.written.complete(null));
            } finally {
                lock.unlock();
            }
        }
    }

    /** On the publisher's thread: encoding runs in parallel with writing, and a bug surfaces to the caller. */
    private Buffer encode(List<LogEvent> batch) {
        Buffer buffer = new Buffer((int) Math.min(1 << 24, batch.size() * 512L));
        try (JsonGenerator generator = json.newGenerator(buffer)) {
            for (LogEvent event : batch) {
                json.write(event, generator);
                generator.flush();
                buffer.write('\n');
            }
        }
        return buffer;
    }

    private boolean writeWithRetries(Buffer buffer) {
        int failures = 0;
        while (true) {
            try {
                target.append(buffer.array(), buffer.size());
                if (failures > 0) {
                    LOG.info("{}: writing succeeded after {} failed attempts", name, failures);
                }
                return true;
            } catch (IOException e) {
                failures++;
                Duration delay = backoff.delay(failures);
                LOG.warn("{}: writing failed ({}); retrying in {} (attempt {})", name, e.toString(), delay, failures + 1);
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    return false;
                }
            }
            if (isClosed()) {
                return false;
            }
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Hands its array to the target without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int initialSize) {
            super(initialSize);
        }

        byte[] array() {
            return buf;
        }
    }

    private static final class Pending {
        final Buffer lines;
        final int events;
        final CompletableFuture<Void> written = new CompletableFuture<>();

        Pending(Buffer lines, int events) {
            this.lines = lines;
            this.events = events;
        }
    }
}
