package org.mesoslogstash.executor.discovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.mesoslogstash.executor.discovery.ContainerDirectory.ContainerEvent;
import org.mesoslogstash.executor.discovery.ContainerDirectory.ContainerInstance;
import org.mesoslogstash.executor.discovery.ContainerDirectory.ContainerStatus;
import org.mesoslogstash.executor.discovery.ContainerDirectory.Subscription;
import org.mesoslogstash.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ContainerListener} told which containers run on this Docker daemon.
 *
 * <p>Two sources, so that a missed event never leaves a container unwatched: Docker's event
 * stream (start, die, destroy) for promptness, and a full resync (list, then inspect what runs)
 * on connecting and every {@code resyncInterval}. Both lead to the same step: inspect the
 * container and compare what Docker says with what the listener was last told. So the listener
 * hears each change exactly once and in order, per the {@link ContainerListener} contract: a
 * container that restarted (a different start time) is {@code stopped} and then {@code started}
 * again; a container gone from Docker is {@code stopped} (if it was running) and then
 * {@code removed}. A run that Docker reported starting, or whose new start time a resync finds,
 * is reported ({@code started}, then {@code stopped}) even when it is already over by the time
 * discovery looks, so the logs of short-lived containers are still collected. Containers found
 * stopped without either sign of a run (old containers at startup) are not reported.
 *
 * <p>When the event stream breaks or Docker does not answer, discovery logs a warning, drops the
 * stream and reconnects after the {@link Backoff} delay: it subscribes first and resyncs second,
 * so nothing that happens in between is lost. A failed call never looks like "container gone":
 * containers are removed only when Docker answers that they no longer exist. This carries
 * discovery through a Docker daemon restart.
 *
 * <p>All work runs as tasks on the given scheduler, one at a time (under one lock, so a
 * multi-threaded scheduler is safe, though a single thread is what is meant); the listener is
 * called from those tasks, so it must not block for long. The scheduler and clock are the
 * caller's; {@link #close()} cancels this object's tasks but does not shut the scheduler down.
 */
public final class ContainerDiscovery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ContainerDiscovery.class);

    private final ContainerDirectory directory;
    private final ContainerListener listener;
    private final Duration resyncInterval;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile Instant lastResync = Instant.EPOCH;
    // Read by close() from any thread; everything else below is guarded by lock.
    private final AtomicReference<Subscription> subscription = new AtomicReference<>();
    private final AtomicReference<ScheduledFuture<?>> pending = new AtomicReference<>();

    private final Object lock = new Object();
    /** Containers the listener was told started and not yet told removed. */
    private final Map<String, Watched> watched = new HashMap<>();
    /** Identifies the current subscription, so that late callbacks of a dropped one are ignored. */
    private long generation;
    private int failures;

    private record Watched(ContainerInfo info, Instant startedAt, boolean running) {
    }

    public ContainerDiscovery(ContainerDirectory directory, ContainerListener listener, Duration resyncInterval,
                              Backoff backoff, ScheduledExecutorService scheduler, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.resyncInterval = Objects.requireNonNull(resyncInterval, "resyncInterval");
        if (resyncInterval.isNegative() || resyncInterval.isZero()) {
            throw new IllegalArgumentException("resync interval must be positive, was " + resyncInterval);
        }
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Connects (on the scheduler) and keeps connected until {@link #close()}. */
    public void start() {
        if (closed) {
            throw new IllegalStateException("container discovery is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("container discovery was already started");
        }
        log.info("Watching Docker containers (full resync every {})", resyncInterval);
        schedule(this::connect, Duration.ZERO);
    }

    /** Started and not closed; says nothing about whether Docker answers right now (see {@link #connected()}). */
    public boolean running() {
        return started.get() && !closed;
    }

    /** The event stream is open and the last resync succeeded. */
    public boolean connected() {
        return connected && !closed;
    }

    /** When the last full resync succeeded; {@link Instant#EPOCH} before the first. */
    public Instant lastResync() {
        return lastResync;
    }

    /**
     * Stops reconnecting and resyncing and drops the event stream. A notification already being
     * delivered completes; no other follows.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connected = false;
        cancelPending();
        closeSubscription();
        log.info("Stopped watching Docker containers");
    }

    // ---- tasks (run on the scheduler) ----

    private void connect() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            long attempt = ++generation;
            try {
                Subscription opened = directory.subscribe(new Handler(attempt));
                subscription.set(opened);
                if (closed) {
                    closeSubscription();
                    return;
                }
                int running = resync();
                connected = true;
                if (failures > 0) {
                    log.info("Reconnected to Docker after {} failure(s); resynced, {} container(s) running", failures, running);
                } else {
                    log.info("Connected to Docker; {} container(s) running", running);
                }
                failures = 0;
                schedule(this::periodicResync, resyncInterval);
            } catch (ContainerDirectoryException e) {
                connectionLost(e);
            } catch (RuntimeException e) {
                unexpected(e);
            }
        }
    }

    private void periodicResync() {
        synchronized (lock) {
            if (closed || !connected) {
                return;
            }
            try {
                resync();
                schedule(this::periodicResync, resyncInterval);
            } catch (ContainerDirectoryException e) {
                connectionLost(e);
            } catch (RuntimeException e) {
                unexpected(e);
            }
        }
    }

    private void onEvent(long from, ContainerEvent event) {
        synchronized (lock) {
            if (closed || from != generation || !connected) {
                return;
            }
            try {
                reconcile(event.containerId(), directory.inspect(event.containerId()), event.type() == ContainerEvent.Type.START);
            } catch (ContainerDirectoryException e) {
                connectionLost(e);
            } catch (RuntimeException e) {
                unexpected(e);
            }
        }
    }

    private void onStreamEnd(long from, Throwable cause) {
        synchronized (lock) {
            if (closed || from != generation) {
                return;
            }
            connectionLost(cause != null ? cause : new ContainerDirectoryException("following container events",
                    new java.io.EOFException("the daemon ended the event stream")));
        }
    }

    // ---- steps (called with lock held) ----

    /** Lists every container and brings the listener up to date; returns how many run. */
    private int resync() {
        List<ContainerStatus> all = directory.list();
        Set<String> present = new HashSet<>();
        int running = 0;
        for (ContainerStatus status : all) {
            present.add(status.id());
            Watched known = watched.get(status.id());
            if (status.running() || (known != null && known.running())) {
                reconcile(status.id(), directory.inspect(status.id()), false);
            }
            Watched now = watched.get(status.id());
            if (now != null && now.running()) {
                running++;
            }
        }
        for (String id : List.copyOf(watched.keySet())) {
            if (!present.contains(id)) {
                reconcile(id, Optional.empty(), false);
            }
        }
        lastResync = clock.instant();
        return running;
    }

    /**
     * Compares what Docker says of one container with what the listener was told, and tells the
     * difference. {@code startEvent} says Docker reported a start, so a run happened even if it
     * is already over.
     */
    private void reconcile(String id, Optional<ContainerInstance> observed, boolean startEvent) {
        Watched known = watched.get(id);
        if (observed.isEmpty()) {
            if (known != null) {
                if (known.running()) {
                    notifyStopped(id);
                }
                watched.remove(id);
                notifyRemoved(id);
            }
            return;
        }
        ContainerInstance now = observed.get();
        boolean sameRun = known != null && known.startedAt().equals(now.startedAt());
        if (now.running()) {
            if (known != null && known.running() && sameRun) {
                return;
            }
            if (known != null && known.running()) {
                notifyStopped(id);
            }
            watched.put(id, new Watched(now.info(), now.startedAt(), true));
            notifyStarted(now.info());
            return;
        }
        // Not running. A run we know of only now (a start event, or a start time we have not
        // seen) is reported although it is over, so that its logs are still collected.
        boolean unseenRun = startEvent ? !sameRun : known != null && !sameRun;
        if (known != null && known.running()) {
            notifyStopped(id);
        }
        if (unseenRun) {
            notifyStarted(now.info());
            notifyStopped(id);
        }
        if (known != null || unseenRun) {
            watched.put(id, new Watched(now.info(), now.startedAt(), false));
        }
    }

    private void connectionLost(Throwable cause) {
        connected = false;
        generation++;
        closeSubscription();
        cancelPending();
        if (closed) {
            return;
        }
        failures++;
        Duration delay = backoff.delay(failures);
        log.warn("Lost Docker ({}); reconnecting in {} (attempt {})", describe(cause), delay, failures + 1);
        schedule(this::connect, delay);
    }

    /**
     * A bug (ours or the Docker client's) in a task. Letting it escape would end the task chain
     * silently and leave containers unwatched; instead it is logged loudly and discovery starts
     * over as after a lost connection.
     */
    private void unexpected(RuntimeException e) {
        log.error("Unexpected failure in container discovery; reconnecting", e);
        connectionLost(e);
    }

    private void notifyStarted(ContainerInfo info) {
        if (closed) {
            return;
        }
        log.info("Container {} ({}, image {}) started", info.name(), shortId(info.id()), info.image());
        deliver("started", info.id(), () -> listener.started(info));
    }

    private void notifyStopped(String id) {
        if (closed) {
            return;
        }
        log.info("Container {} stopped", shortId(id));
        deliver("stopped", id, () -> listener.stopped(id));
    }

    private void notifyRemoved(String id) {
        if (closed) {
            return;
        }
        log.info("Container {} removed", shortId(id));
        deliver("removed", id, () -> listener.removed(id));
    }

    private void deliver(String what, String id, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // A listener bug must not stop discovery for every other container.
            log.error("Container listener failed on {} of container {}", what, shortId(id), e);
        }
    }

    // ---- plumbing ----

    private void schedule(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> future = scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            ScheduledFuture<?> previous = pending.getAndSet(future);
            if (previous != null && previous != future) {
                previous.cancel(false);
            }
            if (closed) {
                cancelPending();
            }
        } catch (RejectedExecutionException e) {
            if (!closed) {
                throw new IllegalStateException("the discovery scheduler was shut down while discovery runs", e);
            }
        }
    }

    private void cancelPending() {
        ScheduledFuture<?> future = pending.getAndSet(null);
        if (future != null) {
            future.cancel(false);
        }
    }

    private void closeSubscription() {
        Subscription open = subscription.getAndSet(null);
        if (open != null) {
            open.close();
        }
    }

    private void post(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            if (!closed) {
                log.error("Dropped a container event: the discovery scheduler was shut down while discovery runs", e);
            }
        }
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** Hands the directory's callbacks to the scheduler, tagged with the subscription they belong to. */
    private final class Handler implements ContainerEventHandler {

        private final long from;

        Handler(long from) {
            this.from = from;
        }

        @Override
        public void event(ContainerEvent event) {
            post(() -> onEvent(from, event));
        }

        @Override
        public void failed(Throwable cause) {
            post(() -> onStreamEnd(from, cause));
        }

        @Override
        public void closed() {
            post(() -> onStreamEnd(from, null));
        }
    }
}
