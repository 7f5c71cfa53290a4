package org.mesoslogstash.executor.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every stream on a thread of its own (virtual threads, so hundreds cost little), restarts
 * those that fail where retrying can help, and keeps each stream's status for operators.
 *
 * <p>A restarted stream continues from the position after the last line it published, so nothing
 * is published twice by one supervisor; each (re)start gets the next generation of its key, and
 * events carry it, so acknowledgements of a previous run cannot move the checkpoint of the next.
 * Failures are retried after {@link Backoff#delay}; those that will not pass soon (a container
 * without a shell) only after the longest delay; a container that is gone stops its streams.
 */
public final class StreamSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamSupervisor.class);

    private final StreamReader files;
    private final StreamReader console;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final ThreadFactory threads;
    private final Map<StreamKey, Supervised> streams = new ConcurrentHashMap<>();
    private final Map<StreamKey, Long> generations = new HashMap<>();

    public StreamSupervisor(StreamReader files, StreamReader console, Clock clock, Sleeper sleeper, Backoff backoff, ThreadFactory threads) {
        this.files = Objects.requireNonNull(files, "files");
        this.console = Objects.requireNonNull(console, "console");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    /**
     * Starts reading {@code key} from {@code from} (or from the start if empty).
     *
     * @return false if the stream is already being read (or retried)
     */
    public synchronized boolean start(StreamKey key, SourceMetadata source, Optional<Position> from) {
        Supervised existing = streams.get(key);
        if (existing != null && existing.active()) {
            return false;
        }
        Supervised stream = new Supervised(key, source, from, existing == null ? null : existing.lastFailure);
        streams.put(key, stream);
        Thread thread = threads.newThread(stream::supervise);
        stream.thread = thread;
        thread.start();
        log.info("{}: stream started{}", key, from.map(p -> " at " + p).orElse(" from the beginning"));
        return true;
    }

    /** Stops reading {@code key}; its status stays, as STOPPED. Does not wait for the reader to finish. */
    public void stop(StreamKey key) {
        Supervised stream = streams.get(key);
        if (stream != null) {
            stream.stop();
        }
    }

    /** Stops every stream of the container; their statuses stay. */
    public void stopContainer(String containerId) {
        streamsOf(containerId).forEach(Supervised::stop);
    }

    /** Stops every stream of the container and forgets them, statuses and generations included. */
    public synchronized void forgetContainer(String containerId) {
        for (Supervised stream : streamsOf(containerId)) {
            stream.stop();
            streams.remove(stream.key, stream);
            generations.remove(stream.key);
        }
    }

    public Map<StreamKey, StreamStatus> statuses() {
        Map<StreamKey, StreamStatus> statuses = new HashMap<>();
        streams.forEach((key, stream) -> statuses.put(key, stream.status()));
        return Map.copyOf(statuses);
    }

    /**
     * Stops every stream and waits at most {@code timeout} for their readers to finish.
     *
     * @return true if all finished in time
     */
    public boolean close(Duration timeout) throws InterruptedException {
        List<Supervised> all = List.copyOf(streams.values());
        all.forEach(Supervised::stop);
        Instant deadline = clock.instant().plus(timeout);
        boolean finished = true;
        for (Supervised stream : all) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || !stream.thread.join(left.isNegative() ? Duration.ZERO : left)) {
                finished = false;
                log.warn("{}: reader still running after the shutdown deadline", stream.key);
            }
        }
        return finished;
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(10));
    }

    private List<Supervised> streamsOf(String containerId) {
        return streams.values().stream().filter(s -> s.key.containerId().equals(containerId)).toList();
    }

    private synchronized long nextGeneration(StreamKey key) {
        return generations.merge(key, 1L, Long::sum);
    }

    /** One stream's supervision: its thread runs {@link #supervise}; the rest is read by status calls. */
    private final class Supervised {

        final StreamKey key;
        final SourceMetadata source;
        final Optional<Position> initial;
        volatile Thread thread;
        volatile StreamRun run;
        volatile StreamStatus.State phase = StreamStatus.State.STARTING;
        volatile StreamStatus.Failure lastFailure;
        volatile int retries;
        volatile Instant nextRetry;
        volatile boolean stopRequested;

        Supervised(StreamKey key, SourceMetadata source, Optional<Position> initial, StreamStatus.Failure previousFailure) {
            this.key = key;
            this.source = source;
            this.initial = initial;
            this.lastFailure = previousFailure;
        }

        boolean active() {
            return !stopRequested && phase != StreamStatus.State.STOPPED;
        }

        void stop() {
            stopRequested = true;
            StreamRun current = run;
            if (current != null) {
                current.requestStop();
            }
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }

        StreamStatus status() {
            StreamRun current = run;
            StreamStatus.State state = phase;
            if (state == StreamStatus.State.STARTING && current != null && current.isRunning()) {
                state = StreamStatus.State.RUNNING;
            }
            return new StreamStatus(key, state, current == null ? 0 : current.generation(), lastFailure, retries, nextRetry,
                    current == null ? 0 : current.lines(), current == null ? 0 : current.bytes(),
                    current == null ? initial.orElse(null) : current.lastPosition().orElse(null), current == null ? -1 : current.fileSize());
        }

        void supervise() {
            Optional<Position> from = initial;
            try {
                while (!stopRequested) {
                    StreamRun current = new StreamRun(key, nextGeneration(key), source, from);
                    run = current;
                    phase = StreamStatus.State.STARTING;
                    nextRetry = null;
                    if (stopRequested) {
                        break;
                    }
                    try {
                        (key.isConsole() ? console : files).read(current);
                        break;
                    } catch (StreamFailure failure) {
                        if (stopRequested) {
                            break;
                        }
                        from = current.lastPosition();
                        if (current.lines() > 0) {
                            retries = 0;
                        }
                        if (!waitToRetry(failure)) {
                            return;
                        }
                    }
                }
            } catch (InterruptedException e) {
                // A stop.
            } catch (RuntimeException | Error e) {
                if (stopRequested) {
                    log.info("{}: stream stopped ({} while stopping)", key, e.toString());
                    phase = StreamStatus.State.STOPPED;
                    nextRetry = null;
                    return;
                }
                // A bug in a reader: retrying would repeat it.
                lastFailure = new StreamStatus.Failure(StreamFailure.Kind.STREAM_BROKEN, "reader failed: " + e, clock.instant());
                phase = StreamStatus.State.FAILED;
                nextRetry = null;
                log.error("{}: reader failed; the stream is not retried", key, e);
                return;
            }
            phase = StreamStatus.State.STOPPED;
            nextRetry = null;
            log.info("{}: stream stopped", key);
        }

        /** Records the failure and waits; false if the stream is not to be retried. */
        private boolean waitToRetry(StreamFailure failure) throws InterruptedException {
            Instant now = clock.instant();
            lastFailure = new StreamStatus.Failure(failure.kind(), failure.reason(), now);
            retries++;
            Duration delay;
            switch (failure.kind().retry()) {
                case NEVER -> {
                    phase = StreamStatus.State.STOPPED;
                    nextRetry = null;
                    log.info("{}: stream stopped: {}", key, failure.reason());
                    return false;
                }
                case RARELY -> {
                    delay = backoff.max();
                    phase = StreamStatus.State.FAILED;
                }
                default -> {
                    delay = backoff.delay(retries);
                    phase = StreamStatus.State.RETRYING;
                }
            }
            nextRetry = now.plus(delay);
            log.warn("{}: {} (failure {}); trying again in {}", key, failure.reason(), retries, delay);
            sleeper.sleep(delay);
            return true;
        }
    }
}
