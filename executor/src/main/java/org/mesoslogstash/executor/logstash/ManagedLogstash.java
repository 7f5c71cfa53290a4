package org.mesoslogstash.executor.logstash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mesoslogstash.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Logstash process that runs all of an executor's pipelines.
 *
 * <p>{@link #start} writes the files and starts Logstash, and returns when the monitoring API lists
 * every pipeline as running. {@link #apply} writes only what changed and sends SIGHUP (Logstash's
 * documented way to reload when {@code config.reload.automatic} is off), so Logstash re-reads
 * pipelines.yml once every file is in place and re-creates exactly the pipelines whose
 * configuration differs; it returns when the API shows the new set, each added or changed
 * pipeline re-created (a new ephemeral id) and the unchanged ones untouched. A pipeline Logstash
 * refuses is reported with Logstash's message ({@link PipelineRejectedException}); Logstash keeps
 * running the others, and the refused one is retried at the next apply.
 *
 * <p>When a Logstash that was running dies, it is logged at WARN with the exit code and its last
 * output and started again after {@link org.mesoslogstash.retry.Backoff#delay}; the wait resets
 * once a restart has every pipeline running. {@link #close} stops it with SIGTERM, then SIGKILL.
 *
 * <p>Thread-safe: start, apply and restarts run one at a time; {@link #status} and {@link #close}
 * never wait for them.
 */
public final class ManagedLogstash implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ManagedLogstash.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final LogstashSettings settings;
    private final LogstashFiles files;
    private final LogstashLauncher launcher;
    private final LogstashApi api;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ThreadFactory threads;

    /** Held by start, apply and a restart's launch and wait: one change of Logstash at a time. */
    private final Object operations = new Object();
    /** Guards the fields below; never held while waiting. */
    private final Object state = new Object();
    private LogstashProcess process;
    private SortedMap<String, String> desired = new TreeMap<>();
    /** Pipelines Logstash refused, or did not show as loaded in time: the next apply asks again even if unchanged. */
    private final Set<String> unconfirmed = new TreeSet<>();
    private boolean started;
    private boolean closed;
    private volatile LogstashStatus status = new LogstashStatus.Stopped();
    private final List<Consumer<LogstashStatus>> listeners = new CopyOnWriteArrayList<>();

    public ManagedLogstash(LogstashSettings settings, LogstashLauncher launcher, LogstashApi api, Clock clock,
                           Sleeper sleeper, ThreadFactory threads) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.files = new LogstashFiles(settings);
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    /** The real thing: {@code bin/logstash} as a child process, its API over HTTP. */
    public static ManagedLogstash create(LogstashSettings settings, Clock clock, ThreadFactory threads) {
        return new ManagedLogstash(settings, new OsLogstashLauncher(threads), HttpLogstashApi.forSettings(settings),
                clock, Sleeper.REAL, threads);
    }

    public LogstashStatus status() {
        return status;
    }

    /**
     * Calls {@code listener} with every new status (a crash and its restarts included), on the
     * thread that changed it; it must return quickly and not call back into this object's
     * start/apply.
     */
    public void onStatus(Consumer<LogstashStatus> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The pid of the running Logstash, if one runs. */
    public OptionalLong pid() {
        synchronized (state) {
            return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
        }
    }

    /**
     * Writes the files for {@code pipelines} (id to configuration), starts Logstash and waits until
     * it runs them all. On failure Logstash is not left running, except when it refused pipelines:
     * then it runs (and is watched over) with the others.
     *
     * @throws PipelineRejectedException naming the pipelines Logstash refused, with its messages
     * @throws LogstashException         if Logstash is missing, exits, or is not ready within the startup timeout
     * @throws IllegalArgumentException  if {@code pipelines} is empty or has an invalid id
     * @throws IllegalStateException     if called twice or after close
     */
    public void start(Map<String, String> pipelines) throws LogstashException, InterruptedException {
        LogstashFiles.validate(pipelines);
        synchronized (operations) {
            synchronized (state) {
                if (started || closed) {
                    throw new IllegalStateException(closed ? "Logstash manager is closed" : "Logstash is already started");
                }
                started = true;
            }
            setStatus(new LogstashStatus.Starting());
            PipelineChanges changes = writeFiles(pipelines);
            log.info("starting Logstash from {} for pipelines {} ({})", settings.home(), pipelines.keySet(), changes);
            LogstashProcess launched;
            try {
                launched = launch();
            } catch (LogstashException e) {
                setStatus(new LogstashStatus.Failed(e.getMessage()));
                throw e;
            }
            startedAndWatched(launched, "starting", settings.startupTimeout());
        }
    }

    /**
     * Makes Logstash run {@code pipelines}: writes the files that changed, reloads Logstash if
     * anything changed and waits until it shows the new set.
     *
     * @return what changed
     * @throws PipelineRejectedException naming the pipelines Logstash refused (it runs the rest)
     * @throws LogstashException         if Logstash is not running (dead and restarting: the new files are
     *                                   written and a restart loads them) or did not show the change in time
     */
    public PipelineChanges apply(Map<String, String> pipelines) throws LogstashException, InterruptedException {
        LogstashFiles.validate(pipelines);
        synchronized (operations) {
            LogstashProcess current;
            synchronized (state) {
                if (!started || closed) {
                    throw new IllegalStateException(closed ? "Logstash manager is closed" : "Logstash is not started");
                }
                current = process;
            }
            if (current == null || !current.isAlive()) {
                PipelineChanges changes = writeFiles(pipelines);
                throw new LogstashException("Logstash is not running (" + status.describe() + "); the pipelines are written ("
                        + changes + ") and are loaded when it is back");
            }
            SortedMap<String, String> before;
            Map<String, PipelineStats> statsBefore;
            try {
                before = api.runningPipelines();
                statsBefore = api.pipelineStats();
            } catch (LogstashApiException e) {
                throw new LogstashException("cannot read Logstash's pipelines before reloading: " + e.getMessage(), e);
            }
            PipelineChanges changes = writeFiles(pipelines);
            TreeSet<String> toLoad = new TreeSet<>(changes.toLoad());
            synchronized (state) {
                // Logstash may still run the old version (or none) of these, so they are loaded again.
                unconfirmed.retainAll(pipelines.keySet());
                toLoad.addAll(unconfirmed);
            }
            if (toLoad.isEmpty() && changes.removed().isEmpty()) {
                log.debug("Logstash pipelines unchanged: {}", pipelines.keySet());
                return changes;
            }
            setStatus(new LogstashStatus.Reloading(changes));
            log.info("reloading Logstash (pid {}): {}{}", current.pid(), changes,
                    toLoad.equals(changes.toLoad()) ? "" : "; again, as not confirmed last time: " + unconfirmed);
            try {
                current.reload();
            } catch (IOException e) {
                throw failed("cannot send SIGHUP to Logstash (pid " + current.pid() + "): " + e.getMessage(), e);
            }
            Map<String, Long> failuresBefore = new HashMap<>();
            statsBefore.forEach((id, s) -> failuresBefore.put(id, s.reloadFailures()));
            try {
                await(current, new PipelineExpectation(new TreeSet<>(pipelines.keySet()), toLoad, before, failuresBefore),
                        settings.reloadTimeout(), "reloading");
                synchronized (state) {
                    unconfirmed.clear();
                }
                setStatus(new LogstashStatus.Ready(new TreeSet<>(pipelines.keySet())));
                log.info("Logstash reloaded: runs {}", pipelines.keySet());
                return changes;
            } catch (PipelineRejectedException e) {
                refused(e);
                throw e;
            } catch (LogstashException e) {
                if (current.isAlive()) {
                    synchronized (state) {
                        unconfirmed.addAll(toLoad);
                    }
                    setStatus(new LogstashStatus.Failed(e.getMessage()));
                }
                throw e;
            }
        }
    }

    /**
     * Every pipeline's figures from Logstash's monitoring API.
     *
     * @throws LogstashException if the API cannot be read (Logstash not running, or not answering)
     */
    public SortedMap<String, PipelineStats> stats() throws LogstashException {
        try {
            return new TreeMap<>(api.pipelineStats());
        } catch (LogstashApiException e) {
            throw new LogstashException("cannot read Logstash's pipeline stats (" + status.describe() + "): " + e.getMessage(), e);
        }
    }

    /**
     * Stops Logstash: SIGTERM, then SIGKILL if it has not exited within {@code timeout}. Returns
     * when no Logstash process is left. Idempotent.
     */
    public void close(Duration timeout) {
        LogstashProcess current;
        synchronized (state) {
            closed = true;
            current = process;
            process = null;
        }
        if (current != null && current.isAlive()) {
            log.info("stopping Logstash (pid {}), SIGKILL after {}", current.pid(), timeout);
            current.terminate();
            if (!waitForExit(current, timeout)) {
                log.warn("Logstash (pid {}) did not stop within {} of SIGTERM; killing it. Its last output:\n{}",
                        current.pid(), timeout, lines(current.lastOutput()));
                current.kill();
                if (!waitForExit(current, KILL_WAIT)) {
                    log.error("Logstash (pid {}) is still running {} after SIGKILL", current.pid(), KILL_WAIT);
                }
            }
        }
        setStatus(new LogstashStatus.Stopped());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private LogstashProcess launch() throws LogstashException {
        LogstashProcess launched = launcher.launch(settings);
        synchronized (state) {
            if (closed) {
                launched.kill();
                throw new LogstashException("Logstash manager was closed while Logstash started");
            }
            process = launched;
        }
        return launched;
    }

    /**
     * Waits for a just-launched Logstash to run every wanted pipeline, then watches over it. If it
     * does not get there, it is killed, unless it refused pipelines and runs the rest.
     */
    private void startedAndWatched(LogstashProcess launched, String what, Duration timeout)
            throws LogstashException, InterruptedException {
        SortedMap<String, String> wanted;
        synchronized (state) {
            wanted = new TreeMap<>(desired);
        }
        try {
            await(launched, PipelineExpectation.fresh(wanted.keySet()), timeout, what);
            synchronized (state) {
                unconfirmed.clear();
            }
            watch(launched);
            setStatus(new LogstashStatus.Ready(new TreeSet<>(wanted.keySet())));
            log.info("Logstash ready (pid {}): runs {}", launched.pid(), wanted.keySet());
        } catch (PipelineRejectedException e) {
            watch(launched);
            refused(e);
            throw e;
        } catch (LogstashException | InterruptedException | RuntimeException e) {
            stopQuietly(launched);
            synchronized (state) {
                if (process == launched) {
                    process = null;
                }
            }
            if (e instanceof LogstashException) {
                setStatus(new LogstashStatus.Failed(e.getMessage()));
            }
            throw e;
        }
    }

    /** Polls the API until it shows what {@code expected} says, or Logstash exits, or {@code timeout} passes. */
    private void await(LogstashProcess proc, PipelineExpectation expected, Duration timeout, String what)
            throws LogstashException, InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        String lastSeen = "the monitoring API did not answer yet";
        while (true) {
            if (!proc.isAlive()) {
                throw new LogstashException("Logstash exited with code " + exitCode(proc) + " while " + what
                        + "; see " + settings.logsDir() + ". Its last output:\n" + lines(proc.lastOutput()));
            }
            try {
                PipelineExpectation.Outcome outcome = expected.check(api.runningPipelines(), api.pipelineStats());
                switch (outcome) {
                    case PipelineExpectation.Reached reached -> {
                        return;
                    }
                    case PipelineExpectation.Refused refused -> throw new PipelineRejectedException(refused.errors());
                    case PipelineExpectation.Pending pending -> lastSeen = pending.seen();
                }
            } catch (LogstashApiException e) {
                lastSeen = e.getMessage();
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new LogstashException("Logstash did not run pipelines " + expected.wanted() + " within " + timeout
                        + " of " + what + " (" + lastSeen + "); see " + settings.logsDir() + ". Its last output:\n" + lines(proc.lastOutput()));
            }
            sleeper.sleep(settings.pollInterval());
        }
    }

    private void watch(LogstashProcess proc) {
        proc.onExit().thenAccept(code -> {
            synchronized (state) {
                if (closed || process != proc) {
                    return;
                }
                process = null;
            }
            Thread restarter = threads.newThread(() -> restartAfter(proc, code));
            restarter.start();
        });
    }

    /** Runs on its own thread after a watched Logstash died, until one runs again or the manager is closed. */
    private void restartAfter(LogstashProcess dead, int exitCode) {
        String reason = "Logstash (pid " + dead.pid() + ") exited with code " + exitCode;
        log.warn("{}; restarting it. Its last output:\n{}", reason, lines(dead.lastOutput()));
        for (int attempt = 1; ; attempt++) {
            Duration delay = settings.restartBackoff().delay(attempt);
            setStatus(new LogstashStatus.Restarting(attempt, reason));
            try {
                sleeper.sleep(delay);
                synchronized (operations) {
                    synchronized (state) {
                        if (closed) {
                            return;
                        }
                    }
                    log.info("restarting Logstash, attempt {} (after {})", attempt, delay);
                    startedAndWatched(launch(), "restarting", settings.startupTimeout());
                    return;
                }
            } catch (PipelineRejectedException e) {
                return; // it runs the others; the status tells which were refused
            } catch (LogstashException e) {
                reason = e.getMessage();
                log.warn("Logstash restart attempt {} failed: {}", attempt, reason);
            } catch (InterruptedException e) {
                log.info("Logstash restarts interrupted; giving up");
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void refused(PipelineRejectedException e) {
        synchronized (state) {
            unconfirmed.addAll(e.errors().keySet());
        }
        log.warn("{}; Logstash runs the other pipelines", e.getMessage());
        setStatus(new LogstashStatus.Failed(e.getMessage() + " (the other pipelines run; fix the configuration and apply it again)"));
    }

    private PipelineChanges writeFiles(Map<String, String> pipelines) throws LogstashException {
        try {
            PipelineChanges changes = files.write(pipelines);
            synchronized (state) {
                desired = new TreeMap<>(pipelines);
            }
            return changes;
        } catch (UncheckedIOException e) {
            throw failed(e.getMessage(), e);
        }
    }

    private LogstashException failed(String message, Exception cause) {
        setStatus(new LogstashStatus.Failed(message));
        return new LogstashException(message, cause);
    }

    private void stopQuietly(LogstashProcess proc) {
        proc.kill();
        if (!waitForExit(proc, KILL_WAIT)) {
            log.error("Logstash (pid {}) is still running {} after SIGKILL", proc.pid(), KILL_WAIT);
        }
    }

    private static boolean waitForExit(LogstashProcess proc, Duration timeout) {
        try {
            proc.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !proc.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !proc.isAlive();
        }
    }

    /** Waits a little for the exit code (and so for the last output lines). */
    private static String exitCode(LogstashProcess proc) throws InterruptedException {
        try {
            return String.valueOf(proc.onExit().get(5, TimeUnit.SECONDS));
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return "unknown";
        }
    }

    private void setStatus(LogstashStatus next) {
        synchronized (state) {
            if ((closed && !(next instanceof LogstashStatus.Stopped)) || next.equals(status)) {
                return;
            }
            status = next;
        }
        for (Consumer<LogstashStatus> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                // A broken listener must not stop restarts; it is a programming error, so loudly.
                log.error("Logstash status listener {} failed on {}", listener, next, e);
            }
        }
    }

    private static String lines(List<String> output) {
        return output.isEmpty() ? "  (none)" : "  " + String.join("\n  ", output);
    }
}
