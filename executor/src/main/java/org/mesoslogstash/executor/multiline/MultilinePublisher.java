package org.mesoslogstash.executor.multiline;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.mesoslogstash.executor.delivery.EventPublisher;
import org.mesoslogstash.executor.delivery.PipelineClosedException;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between the streams and delivery and joins the lines of the streams that have
 * {@link MultilineSettings} ({@link #set}) into messages ({@link MultilineJoiner}); the events of other
 * streams pass straight on. A message is complete when a line that does not continue it arrives, or
 * when its stream was quiet for {@link MultilineSettings#flushAfter()}: a timer on {@code timer}
 * then hands it on, so a stream that stopped (or whose rules went) still delivers its last message.
 *
 * <p>Lines waiting here are not lost by a crash: they were not acknowledged, so the checkpoint is
 * before them and they are read again. {@link #flushAll} hands on what waits when the collector
 * stops, {@link #forgetContainer} what a removed container's streams left; both wait for delivery at
 * most as long as they are told, because a sink that is down would hold them for ever.
 *
 * <p>Thread-safe: a stream's reader and the timer are serialised per stream; while delivery applies
 * back-pressure, the one that hands on a message waits, the other waits for it.
 */
public final class MultilinePublisher implements EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(MultilinePublisher.class);

    private final EventPublisher next;
    private final ScheduledExecutorService timer;
    private final InstantSource clock;
    private final ThreadFactory flushers;
    private final Map<StreamKey, MultilineSettings> settings = new ConcurrentHashMap<>();
    private final Map<StreamKey, Joining> joining = new ConcurrentHashMap<>();

    /**
     * @param timer    runs the quiet-period checks; a flush may wait there for delivery's back-pressure
     * @param flushers threads for the bounded flushes of {@link #flushAll} and {@link #forgetContainer}
     */
    public MultilinePublisher(EventPublisher next, ScheduledExecutorService timer, InstantSource clock, ThreadFactory flushers) {
        this.next = Objects.requireNonNull(next, "next");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.flushers = Objects.requireNonNull(flushers, "flushers");
    }

    /**
     * Joins the lines of {@code key} by {@code multiline} from its next line on, or passes them on
     * unjoined if null. A message built under the previous settings is completed first.
     */
    public void set(StreamKey key, MultilineSettings multiline) {
        if (multiline == null) {
            settings.remove(key);
        } else {
            settings.put(key, multiline);
        }
    }

    @Override
    public void publish(LogEvent event) throws InterruptedException {
        MultilineSettings wanted = settings.get(event.stream());
        Joining stream = joining.get(event.stream());
        if (wanted == null && stream == null) {
            next.publish(event);
            return;
        }
        if (stream == null) {
            stream = joining.computeIfAbsent(event.stream(), Joining::new);
        }
        stream.publish(event, wanted);
    }

    /**
     * Hands on every message waiting for its quiet period, now, waiting for delivery at most
     * {@code within}; for a stop, before delivery closes. What is not handed on in time was not
     * acknowledged, so the next start reads it again.
     *
     * @return whether everything was handed on in time
     */
    public boolean flushAll(Duration within) throws InterruptedException {
        return flushWithin(List.copyOf(joining.values()), within);
    }

    /**
     * Hands on the waiting messages of a removed container's streams (waiting for delivery at most
     * {@code within}) and forgets them and their settings. What is not handed on in time is dropped:
     * the container and its checkpoints are gone, so nothing would read it again.
     *
     * @return whether everything was handed on in time
     */
    public boolean forgetContainer(String containerId, Duration within) throws InterruptedException {
        List<Joining> streams = joining.values().stream().filter(stream -> stream.key.containerId().equals(containerId)).toList();
        boolean handedOn = flushWithin(streams, within);
        streams.forEach(stream -> joining.remove(stream.key, stream));
        settings.keySet().removeIf(key -> key.containerId().equals(containerId));
        return handedOn;
    }

    private boolean flushWithin(List<Joining> streams, Duration within) throws InterruptedException {
        if (streams.isEmpty()) {
            return true;
        }
        Thread flusher = flushers.newThread(() -> {
            try {
                for (Joining stream : streams) {
                    stream.flush();
                }
            } catch (InterruptedException e) {
                // Out of time: the caller says what becomes of the rest.
            }
        });
        flusher.start();
        if (flusher.join(within)) {
            return true;
        }
        flusher.interrupt();
        flusher.join();
        log.warn("waiting multiline messages of {} stream(s) could not be handed on within {}: delivery is backed up", streams.size(), within);
        return false;
    }

    /** One stream's joiner and quiet-period timer. */
    private final class Joining {

        private final StreamKey key;
        private final ReentrantLock lock = new ReentrantLock();
        // Guarded by lock.
        /**
         * Complete messages not yet handed on, in order. A hand-over interrupted by a stop leaves the
         * rest here for the next one (reader or timer), so no message is skipped while a later one of
         * the same stream goes on and moves the checkpoint past it.
         */
        private final ArrayDeque<LogEvent> outbox = new ArrayDeque<>();
        private MultilineJoiner joiner;
        private Instant lastLineAt;
        private ScheduledFuture<?> check;

        Joining(StreamKey key) {
            this.key = key;
        }

        void publish(LogEvent event, MultilineSettings wanted) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                if (joiner == null || !joiner.settings().equals(wanted)) {
                    if (joiner != null) {
                        handOn(joiner.flush());
                    }
                    joiner = wanted == null ? null : new MultilineJoiner(wanted);
                }
                if (joiner == null) {
                    next.publish(event);
                    return;
                }
                lastLineAt = clock.instant();
                handOn(joiner.add(event));
            } finally {
                if ((!outbox.isEmpty() || joiner != null && joiner.hasPending()) && check == null) {
                    scheduleCheck(joiner != null ? joiner.settings().flushAfter() : MultilineSettings.DEFAULT_FLUSH_AFTER);
                }
                lock.unlock();
            }
        }

        void flush() throws InterruptedException {
            lock.lockInterruptibly();
            try {
                handOn(joiner == null ? List.of() : joiner.flush());
            } finally {
                lock.unlock();
            }
        }

        /** On the timer: hands on the message if the stream was quiet long enough, else looks again when it will have been. */
        private void checkQuiet() {
            try {
                lock.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                check = null;
                handOn(List.of());
                if (joiner == null || !joiner.hasPending()) {
                    return;
                }
                Duration quiet = Duration.between(lastLineAt, clock.instant());
                Duration flushAfter = joiner.settings().flushAfter();
                if (quiet.compareTo(flushAfter) >= 0) {
                    handOn(joiner.flush());
                } else {
                    scheduleCheck(flushAfter.minus(quiet));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (PipelineClosedException e) {
                // Not acknowledged, so not checkpointed: the next start reads these lines again.
                log.info("{}: a multiline message was still waiting when delivery closed; it is read again on the next start", key);
            } finally {
                lock.unlock();
            }
        }

        private void scheduleCheck(Duration after) {
            try {
                check = timer.schedule(this::checkQuiet, after.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The collector is stopping: what waits here was not acknowledged and is read again on the next start.
                log.debug("{}: no quiet-period check, the collector is stopping", key);
            }
        }

        private void handOn(List<LogEvent> events) throws InterruptedException {
            outbox.addAll(events);
            while (!outbox.isEmpty()) {
                next.publish(outbox.peekFirst());
                outbox.pollFirst();
            }
        }
    }
}
