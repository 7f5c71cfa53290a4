package org.mesoslogstash.executor.sink.beats;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.sink.Acknowledgements;
import org.mesoslogstash.executor.sink.EventJson;
import org.mesoslogstash.executor.sink.HandOver;
import org.mesoslogstash.executor.sink.Sink;
import org.mesoslogstash.executor.sink.SinkClosedException;
import org.mesoslogstash.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships batches to Logstash's beats input over Lumberjack v2, one window per batch.
 *
 * <p>Guarantees: at-least-once and in order. A batch's stage completes only when Logstash has
 * acknowledged the window's last event; stages complete in publish order. On any connection error,
 * protocol error or ACK timeout the connection is dropped, re-established with backoff, and every
 * unacknowledged window is sent again, oldest first (a window Logstash had partly acknowledged is
 * resent whole, so its first events may arrive twice).
 *
 * <p>Back-pressure: {@link #publish} encodes the batch's JSON on the caller's thread (compression
 * runs on a thread of its own, overlapping with the caller's next batch) and then <em>blocks</em>
 * while {@code maxBatchesInFlight} windows are unacknowledged, so a slow or absent Logstash stops
 * the readers. If the waiting thread is interrupted, the batch is accepted anyway (beyond the limit)
 * and the interrupt flag is restored, so that shutdown is never stuck here and no batch is lost.
 *
 * <p>Threads: one sender thread writes windows; one thread per connection reads ACKs; stages are
 * completed, in order, on a thread of their own, so a dependent action that blocks (even one that
 * publishes again) can delay later completions but never stalls the reading of ACKs.
 */
public final class BeatsSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(BeatsSink.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final BeatsSinkOptions options;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final WindowEncoder encoder;
    private final String name;
    private final BeatsConnector connector;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signals the sender: a window to send, a broken connection, or close. */
    private final Condition sendable = lock.newCondition();
    /** Signals publishers: a window was acknowledged, or close. */
    private final Condition space = lock.newCondition();
    // Guarded by lock: windows not yet acknowledged, oldest first; the first sentOnConnection of
    // them were written on the current connection.
    private final List<Window> unacknowledged = new ArrayList<>();
    private int sentOnConnection;
    private int unacknowledgedEvents;
    private boolean closed;
    private BeatsConnection connection;

    private final Thread sender;
    private final Acknowledgements acknowledgements;
    /** Compresses windows off the publisher's thread; at most maxBatchesInFlight at a time. */
    private final ExecutorService compressor;

    private BeatsSink(BeatsSinkOptions options, EventJson json, InstantSource clock, Sleeper sleeper) {
        this.options = options;
        this.clock = clock;
        this.sleeper = sleeper;
        this.encoder = new WindowEncoder(json, options.compressionLevel());
        this.name = options.toString();
        this.connector = new BeatsConnector(options);
        this.sender = Thread.ofVirtual().name("beats-sender-" + options.host() + ":" + options.port()).unstarted(this::sendLoop);
        this.compressor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("beats-compress-" + options.host() + ":" + options.port()).factory());
        this.acknowledgements = new Acknowledgements("beats " + options.host() + ":" + options.port());
    }

    /** Starts connecting in the background and returns at once; publish may be called immediately. */
    public static BeatsSink start(BeatsSinkOptions options, EventJson json, InstantSource clock, Sleeper sleeper) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        BeatsSink sink = new BeatsSink(options, json, clock, sleeper);
        sink.sender.start();
        return sink;
    }

    @Override
    public CompletionStage<Void> publish(List<LogEvent> batch) {
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Window window;
        try {
            window = new Window(encoder.encode(batch, compressor), batch.size());
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new SinkClosedException(name, batch.size()));
        }
        return HandOver.offer(lock, space, () -> closed, () -> unacknowledged.size() >= options.maxBatchesInFlight(), () -> {
            unacknowledged.add(window);
            unacknowledgedEvents += window.events;
            sendable.signalAll();
        }, window.acknowledged, name, batch.size());
    }

    /** Events published and not yet acknowledged. */
    public int unacknowledgedEvents() {
        lock.lock();
        try {
            return unacknowledgedEvents;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        List<Window> abandoned;
        int events;
        BeatsConnection current;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            abandoned = new ArrayList<>(unacknowledged);
            events = unacknowledgedEvents;
            unacknowledged.clear();
            unacknowledgedEvents = 0;
            current = connection;
            sendable.signalAll();
            space.signalAll();
        } finally {
            lock.unlock();
        }
        if (current != null) {
            current.close();
        }
        sender.interrupt();
        try {
            sender.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        compressor.shutdown();
        encoder.close();
        SinkClosedException closedException = new SinkClosedException(name, events);
        // After every acknowledged window's completion, keeping the order.
        acknowledgements.failAndStop(abandoned.stream().map(window -> window.acknowledged).toList(), closedException, CLOSE_WAIT);
        LOG.info("{} closed; {} events in {} batches were not acknowledged", name, events, abandoned.size());
    }

    private void sendLoop() {
        int failures = 0;
        while (!isClosed()) {
            BeatsConnection current;
            try {
                current = connector.connect();
            } catch (IOException e) {
                failures++;
                if (!waitBeforeReconnect(failures, "could not connect: " + e, false)) {
                    return;
                }
                continue;
            }
            if (!adopt(current)) {
                current.close();
                return;
            }
            Thread.ofVirtual().name("beats-acks-" + options.host() + ":" + options.port())
                    .start(() -> readAcks(current));
            send(current);
            current.close();
            if (current.acknowledgedAny()) {
                failures = 0;
            }
            if (isClosed()) {
                return;
            }
            failures++;
            if (!waitBeforeReconnect(failures, current.failure(), true)) {
                return;
            }
        }
    }

    /** Makes {@code fresh} the current connection; every unacknowledged window is to be (re)sent on it. */
    private boolean adopt(BeatsConnection fresh) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            connection = fresh;
            sentOnConnection = 0;
            fresh.touch(clock.instant());
            LOG.info("{} connected; sending {} unacknowledged batches ({} events)", name, unacknowledged.size(), unacknowledgedEvents);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean waitBeforeReconnect(int failures, String reason, boolean wasConnected) {
        Duration delay = options.reconnect().delay(failures);
        int pending = unacknowledgedEvents();
        if (pending == 0 && wasConnected) {
            // An idle connection closed (Logstash drops clients idle beyond client_inactivity_timeout).
            LOG.info("{}: {}; nothing unacknowledged; reconnecting in {}", name, reason, delay);
        } else {
            LOG.warn("{}: {}; {} events unacknowledged; reconnecting in {} (attempt {})",
                    name, reason, pending, delay, failures + 1);
        }
        try {
            sleeper.sleep(delay);
            return !isClosed();
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Writes windows on {@code current} until it breaks or the sink closes. */
    private void send(BeatsConnection current) {
        while (true) {
            Window next;
            boolean moreReady;
            lock.lock();
            try {
                while (!closed && !current.isBroken() && sentOnConnection >= unacknowledged.size()) {
                    sendable.awaitUninterruptibly();
                }
                if (closed || current.isBroken()) {
                    return;
                }
                next = unacknowledged.get(sentOnConnection++);
                next.sentAt = clock.instant();
                moreReady = sentOnConnection < unacknowledged.size();
            } finally {
                lock.unlock();
            }
            try {
                WindowEncoder.Encoded frames = next.frames.join(); // compressed by now, or soon
                current.write(frames.bytes(), frames.length(), !moreReady);
            } catch (IOException e) {
                fail(current, "sending failed: " + e);
                return;
            }
        }
    }

    private void readAcks(BeatsConnection current) {
        while (true) {
            int sequence;
            try {
                sequence = current.readAck(options.ackTimeout());
            } catch (BeatsConnection.AckWait wait) {
                if (ackTimedOut(current)) {
                    fail(current, "no acknowledgement within " + options.ackTimeout());
                    return;
                }
                continue;
            } catch (IOException e) {
                fail(current, "receiving acknowledgements failed: " + e);
                return;
            }
            Window done;
            lock.lock();
            try {
                if (closed || current != connection) {
                    return;
                }
                current.touch(clock.instant());
                if (sequence == 0) {
                    continue; // keepalive: Logstash is still working on the window
                }
                if (sentOnConnection == 0) {
                    done = null;
                } else {
                    Window oldest = unacknowledged.getFirst();
                    if (sequence < oldest.events) {
                        continue; // partial acknowledgement; only the whole window completes a batch
                    }
                    done = sequence == oldest.events ? unacknowledged.removeFirst() : null;
                    if (done != null) {
                        sentOnConnection--;
                        unacknowledgedEvents -= done.events;
                        current.markAcknowledged();
                        space.signalAll();
                        // Under the lock, while not closed: close() shuts the executor down only later.
                        acknowledgements.acknowledged(done.acknowledged);
                    }
                }
            } finally {
                lock.unlock();
            }
            if (done == null) {
                fail(current, "protocol error: acknowledgement " + sequence + " does not match the oldest window sent");
                return;
            }
        }
    }

    private boolean ackTimedOut(BeatsConnection current) {
        lock.lock();
        try {
            if (sentOnConnection == 0 || current != connection) {
                return false;
            }
            Instant since = current.lastActivity();
            Instant oldestSent = unacknowledged.getFirst().sentAt;
            if (oldestSent.isAfter(since)) {
                since = oldestSent;
            }
            return !Duration.between(since, clock.instant()).minus(options.ackTimeout()).isNegative();
        } finally {
            lock.unlock();
        }
    }

    private void fail(BeatsConnection current, String reason) {
        if (!current.markBroken(reason)) {
            return;
        }
        current.close();
        lock.lock();
        try {
            sendable.signalAll();
        } finally {
            lock.unlock();
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

    private static final class Window {
        final CompletableFuture<WindowEncoder.Encoded> frames;
        final int events;
        final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Instant sentAt; // guarded by the sink's lock

        Window(CompletableFuture<WindowEncoder.Encoded> frames, int events) {
            this.frames = frames;
            this.events = events;
        }
    }
}
