package org.mesoslogstash.executor.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mesoslogstash.executor.checkpoint.CheckpointWriter;
import org.mesoslogstash.executor.delivery.AckLedger.Advance;
import org.mesoslogstash.executor.delivery.AckLedger.Slot;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.sink.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries events from streams to a sink in batches and moves each stream's checkpoint as the sink
 * acknowledges them: at-least-once delivery.
 *
 * <p>Streams call {@link #publish} from many threads. Events are collected into batches of up to
 * {@link Options#batchSize()} events, or fewer once the first event of a batch has waited
 * {@link Options#linger()}; one sender thread hands batches to the sink in order.
 *
 * <p><b>Checkpoints advance only on acknowledgement.</b> Per stream, an {@link AckLedger} keeps the
 * published events in order; the checkpoint is the {@code resumeAfter} of the last event of the
 * contiguous acknowledged prefix that ends a line (a non-last part of a split line never gives a
 * checkpoint). Acknowledgements of an older generation of a stream, or of a forgotten stream, move
 * nothing. Checkpoints are written by a {@link CheckpointWriter}, off the publishing path.
 *
 * <p><b>Back-pressure and the redelivery bound.</b> {@link #publish} blocks while
 * {@link Options#window()} events are unacknowledged, and also while the events taken but not yet
 * covered by a durable checkpoint (unacknowledged plus acknowledged-but-not-yet-written) number
 * {@code window + maxUncheckpointedEvents}. So however slow the sink or stuck the disk, after a
 * crash at most {@code window + maxUncheckpointedEvents} events (defaults: 16384 + 131072) that
 * the sink may already have received are delivered again (per pipeline, over all its streams;
 * restarting a stream with a new generation or forgetting it may add the events of that stream
 * still in flight).
 *
 * <p>The pipeline owns the sink and the checkpoint writer and closes both in {@link #close}.
 */
public final class DeliveryPipeline implements EventPublisher {

    /**
     * @param batchSize               most events in one batch (default 2048)
     * @param linger                  how long the first event of a batch waits for more (default 50 ms)
     * @param window                  most unacknowledged events at a time (default 16384)
     * @param maxUncheckpointedEvents most acknowledged events waiting for their checkpoint to be written,
     *                                beyond the window (default 131072)
     */
    public record Options(int batchSize, Duration linger, int window, int maxUncheckpointedEvents) {

        public static final Options DEFAULTS = new Options(2048, Duration.ofMillis(50), 16384, 131072);

        public Options {
            Objects.requireNonNull(linger, "linger");
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
            }
            if (window < batchSize) {
                throw new IllegalArgumentException("window (" + window + ") must be >= batchSize (" + batchSize + ")");
            }
            if (maxUncheckpointedEvents < 0) {
                throw new IllegalArgumentException("maxUncheckpointedEvents must be >= 0, was " + maxUncheckpointedEvents);
            }
            if (linger.isNegative()) {
                throw new IllegalArgumentException("linger must not be negative, was " + linger);
            }
        }
    }

    private record Batch(List<LogEvent> events, List<Slot> slots, long bytes) {
    }

    private static final Logger log = LoggerFactory.getLogger(DeliveryPipeline.class);

    private final Sink sink;
    private final CheckpointWriter writer;
    private final Options options;
    private final Clock clock;
    private final long lingerNanos;
    private final Thread sender;

    private final Object closeOnce = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    /** Publishers wait here for room in the window. */
    private final Condition room = lock.newCondition();
    /** The sender waits here for a batch. */
    private final Condition work = lock.newCondition();
    /** Close waits here for acknowledgements. */
    private final Condition settled = lock.newCondition();

    // Guarded by lock:
    private final Map<StreamKey, AckLedger> ledgers = new HashMap<>();
    private ArrayList<LogEvent> currentEvents;
    private ArrayList<Slot> currentSlots;
    private long currentBytes;
    private long currentStartedNanos;
    private final ArrayDeque<Batch> ready = new ArrayDeque<>();
    /** Tickets of submitted checkpoints and the events each covers, oldest first. */
    private final ArrayDeque<long[]> awaitingDurable = new ArrayDeque<>();
    private long unacked;
    private long uncheckpointed;
    private long published;
    private long acknowledged;
    private long bytes;
    private long batches;
    private long sinkFailures;
    private long visits;
    private boolean closed;
    private boolean sinkClosing;
    private CloseSummary closeSummary;

    /** Starts the sender thread from {@code threadFactory}. */
    public DeliveryPipeline(Sink sink, CheckpointWriter writer, Options options, Clock clock, ThreadFactory threadFactory) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lingerNanos = options.linger().toNanos();
        newBatch();
        writer.onDurable(this::checkpointsDurable);
        this.sender = threadFactory.newThread(this::sendBatches);
        sender.start();
        log.info("Delivery pipeline started: batches of up to {} events (linger {}), window {} events, at most {} more awaiting checkpoints",
                options.batchSize(), options.linger(), options.window(), options.maxUncheckpointedEvents());
    }

    /**
     * Takes one event; blocks while the window is full or checkpoints lag too far behind.
     *
     * @throws PipelineClosedException if the pipeline is closing or closed (also while blocked)
     */
    @Override
    public void publish(LogEvent event) throws InterruptedException {
        Objects.requireNonNull(event, "event");
        lock.lockInterruptibly();
        try {
            while (true) {
                if (closed) {
                    throw new PipelineClosedException("an event of " + event.stream());
                }
                if (unacked < options.window() && unacked + uncheckpointed < (long) options.window() + options.maxUncheckpointedEvents()) {
                    break;
                }
                room.await();
            }
            AckLedger ledger = ledgers.get(event.stream());
            if (ledger == null) {
                ledger = new AckLedger(event.stream(), event.generation());
                ledgers.put(event.stream(), ledger);
            } else if (event.generation() > ledger.generation()) {
                uncheckpointed -= ledger.dropCarried();
                if (ledger.forgotten()) {
                    writer.remove(event.stream()); // the forgotten generation's checkpoint goes before the new one's
                }
            }
            currentSlots.add(ledger.add(event));
            currentEvents.add(event);
            currentBytes += event.line().length;
            unacked++;
            published++;
            bytes += event.line().length;
            if (currentEvents.size() == 1) {
                currentStartedNanos = System.nanoTime();
                work.signal();
            }
            if (currentEvents.size() >= options.batchSize()) {
                ready.addLast(cutBatch());
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets a stream whose container is gone: its in-flight events no longer move its
     * checkpoint, and once they are settled its checkpoint is removed.
     */
    public void forget(StreamKey stream) {
        lock.lock();
        try {
            if (closed) {
                throw new PipelineClosedException("forgetting " + stream);
            }
            AckLedger ledger = ledgers.get(stream);
            if (ledger == null) {
                writer.remove(stream);
                return;
            }
            uncheckpointed -= ledger.dropCarried();
            ledger.forget();
            if (ledger.isEmpty()) {
                ledgers.remove(stream);
                writer.remove(stream);
            }
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public DeliveryMetrics metrics() {
        lock.lock();
        try {
            return new DeliveryMetrics(clock.instant(), published, acknowledged, bytes, unacked, uncheckpointed, batches, sinkFailures,
                    writer.durablePositions(), writer.status());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking events, sends what was taken, waits for acknowledgements until the deadline,
     * closes the sink (what is still unacknowledged is abandoned, not checkpointed, and so read
     * again next run), then writes the checkpoints taken, within what is left of the deadline.
     */
    public CloseSummary close(Duration timeout) throws InterruptedException {
        synchronized (closeOnce) {
            return closeOnce(timeout);
        }
    }

    private CloseSummary closeOnce(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            if (closeSummary != null) {
                return closeSummary;
            }
            closed = true;
            room.signalAll();
            work.signalAll();
        } finally {
            lock.unlock();
        }
        sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        long abandoned;
        lock.lock();
        try {
            long left = deadline - System.nanoTime();
            while (unacked > 0 && left > 0) {
                left = settled.awaitNanos(left);
            }
            abandoned = unacked;
            sinkClosing = true;
        } finally {
            lock.unlock();
        }
        sender.interrupt(); // only still alive if the deadline passed while it was handing a batch over
        sink.close();
        boolean durable = writer.close(Duration.ofNanos(Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100))));
        lock.lock();
        try {
            closeSummary = new CloseSummary(acknowledged, abandoned, durable, writer.durablePositions());
            if (abandoned > 0) {
                log.warn("Delivery pipeline closed with {} event(s) not acknowledged; they will be delivered again from the checkpoints", abandoned);
            }
            log.info("Delivery pipeline closed: {}", closeSummary);
            return closeSummary;
        } finally {
            lock.unlock();
        }
    }

    private void sendBatches() {
        try {
            while (true) {
                Batch batch = nextBatch();
                if (batch == null) {
                    return;
                }
                CompletionStage<Void> stage;
                try {
                    stage = sink.publish(batch.events());
                } catch (RuntimeException e) {
                    // A sink must not throw; if one does, its batch is treated like a failed one.
                    batchDone(batch, e);
                    continue;
                }
                stage.whenComplete((ok, failure) -> batchDone(batch, failure));
            }
        } catch (InterruptedException e) {
            log.warn("Delivery pipeline's sender interrupted at the close deadline; unsent events will be delivered again");
        }
    }

    private Batch nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (!ready.isEmpty()) {
                    return ready.pollFirst();
                }
                if (!currentEvents.isEmpty()) {
                    long wait = currentStartedNanos + lingerNanos - System.nanoTime();
                    if (closed || wait <= 0) {
                        return cutBatch();
                    }
                    work.awaitNanos(wait);
                    continue;
                }
                if (closed) {
                    return null;
                }
                work.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private Batch cutBatch() {
        Batch batch = new Batch(currentEvents, currentSlots, currentBytes);
        newBatch();
        batches++;
        return batch;
    }

    private void newBatch() {
        currentEvents = new ArrayList<>(Math.min(options.batchSize(), 4096));
        currentSlots = new ArrayList<>(Math.min(options.batchSize(), 4096));
        currentBytes = 0;
    }

    private void batchDone(Batch batch, Throwable failure) {
        lock.lock();
        try {
            int n = batch.events().size();
            unacked -= n;
            if (failure != null) {
                // The sink was closed under us: these events stay unacknowledged in their ledgers, so no
                // checkpoint passes them and the next run delivers them again.
                if (!sinkClosing) {
                    sinkFailures++;
                    log.warn("Sink failed a batch of {} events; they are not checkpointed and will be delivered again after a restart: {}",
                            n, failure.toString());
                }
            } else {
                acknowledged += n;
                long mark = ++visits;
                List<AckLedger> touched = new ArrayList<>();
                for (Slot slot : batch.slots()) {
                    slot.acked = true;
                    if (slot.ledger.visitMark != mark) {
                        slot.ledger.visitMark = mark;
                        touched.add(slot.ledger);
                    }
                }
                touched.forEach(this::advance);
            }
            room.signalAll();
            settled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void advance(AckLedger ledger) {
        Advance advance = ledger.advance();
        uncheckpointed += advance.live();
        if (sinkClosing) {
            return; // the writer is closing; acknowledgements that race with close do not move checkpoints
        }
        if (advance.checkpoint() != null) {
            long ticket = writer.submit(ledger.stream, advance.checkpoint());
            awaitingDurable.addLast(new long[] {ticket, advance.covered()});
        }
        if (ledger.forgotten() && ledger.isEmpty() && ledgers.get(ledger.stream) == ledger) {
            ledgers.remove(ledger.stream);
            writer.remove(ledger.stream);
        }
    }

    private void checkpointsDurable(long ticket) {
        lock.lock();
        try {
            while (!awaitingDurable.isEmpty() && awaitingDurable.peekFirst()[0] <= ticket) {
                uncheckpointed -= awaitingDurable.pollFirst()[1];
            }
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
