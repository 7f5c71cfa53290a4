package org.mesoslogstash.executor.mesos;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Event;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.config.distribution.InvalidAssignmentException;
import org.mesoslogstash.executor.assignment.AgentPlan;
import org.mesoslogstash.executor.collector.ConfigException;
import org.mesoslogstash.mesos.executor.ExecutorClient;
import org.mesoslogstash.mesos.executor.ExecutorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's one task: collect the logs of this agent's containers with the configuration the
 * scheduler assigned, and tell Mesos how that goes.
 *
 * <p>What it guarantees:
 * <ul>
 * <li>TASK_RUNNING only once collection is ready (discovery connected to Docker), carrying the applied
 *     configuration version in its labels ({@link AppliedConfiguration}); again after every newer
 *     version is applied.</li>
 * <li>TASK_FAILED, with a message an operator can act on, when the task's configuration is unusable
 *     (every problem {@link ConfigException} names) or Docker does not answer within
 *     {@link ExecutorSettings#dockerReadyTimeout()}; then the process ends.</li>
 * <li>A newer configuration (framework MESSAGE) that changes only the rules ({@code collect}) is
 *     applied to the running collection ({@link CollectorRun#apply}): streams both versions collect
 *     keep running, nothing is read twice. One that changes anything else (the sink, Docker, the
 *     checkpoint directory, limits) replaces the run: the old run stops within a deadline, the new
 *     one starts from the checkpoints, so nothing is lost (checkpoints advance only on
 *     acknowledgement); a few lines may be delivered twice. Which of the two happened, and why, is
 *     logged. Older or equal versions are ignored; an invalid newer one is rejected and reported (the
 *     old one keeps running).</li>
 * <li>KILL and SHUTDOWN: streams stop and checkpoints are flushed within the grace period, then
 *     TASK_KILLED, and the process ends once the agent acknowledged it (or after a short wait).</li>
 * </ul>
 *
 * <p>All state is confined to one thread, that of the given single-threaded scheduler: the client's
 * callbacks only hand work to it, so a KILL is heard while a run is still starting. The process ends
 * when {@link #exitCode()} completes; the composition root does the exiting.
 *
 * <p>This class keeps the task's lifecycle (its phase, the updates that start and end it, the exit).
 * What a configuration means is {@link AssignmentReader}'s and {@link RestartingSettings}'; which
 * version is applied or rejected, {@link AppliedVersions}'; the run itself, {@link CurrentRun}'s; the
 * readiness and report timers, {@link TaskTimers}'; the terminal updates, {@link TaskStatuses}'; the
 * hand-over to the thread, {@link ConfinedSteps}'. All of them are confined to the same thread.
 */
public final class CollectorExecutor implements ExecutorListener {

    /** The task stopped as asked (KILL, SHUTDOWN, SIGTERM) and its terminal update was sent. */
    public static final int EXIT_STOPPED = 0;
    /** TASK_FAILED was sent (the reason is in it and in the log). */
    public static final int EXIT_TASK_FAILED = 1;
    /** The environment the agent gave is unusable (see {@link ExecutorMain}). */
    public static final int EXIT_BAD_ENVIRONMENT = 2;
    /** The agent is gone or reported an error: no terminal update could be sent. */
    public static final int EXIT_AGENT_LOST = 3;

    private static final Logger log = LoggerFactory.getLogger(CollectorExecutor.class);

    private enum Phase { WAITING_FOR_TASK, STARTING, RUNNING, STOPPING, DONE }

    private final ExecutorClient client;
    private final AssignmentReader reader;
    private final ExecutorSettings settings;
    private final ScheduledExecutorService thread;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final ExecutorReporter reporter;

    // Confined to the scheduler's thread.
    private String agentHost;
    private Phase phase = Phase.WAITING_FOR_TASK;
    private TaskID task;
    private final AppliedVersions versions = new AppliedVersions();
    private final TaskTimers timers;
    private final ConfinedSteps steps;
    private final CurrentRun run;
    private ByteString terminalUpdate;
    private int exitCode;

    /**
     * @param env       the process environment, for the collector configuration's defaults ({@code DOCKER_HOST})
     * @param localHost the host name events carry when neither the configuration nor the agent names one
     * @param thread    a single-threaded scheduler this executor owns the state on
     */
    public CollectorExecutor(ExecutorClient client, CollectorRun.Starter starter, Map<String, String> env, String localHost,
                             ExecutorSettings settings, ScheduledExecutorService thread, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.reader = new AssignmentReader(env, localHost);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.thread = Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(clock, "clock");
        this.timers = new TaskTimers(thread);
        this.steps = new ConfinedSteps(thread, () -> stopCollectingAndEnd(EXIT_TASK_FAILED));
        this.run = new CurrentRun(Objects.requireNonNull(starter, "starter"), clock, settings.dockerReadyTimeout());
        this.reporter = new ExecutorReporter(client, clock);
    }

    /** Completes with the process exit code once the executor is done (see the EXIT_ constants). */
    public CompletionStage<Integer> exitCode() {
        return exit;
    }

    // ---- what the agent says (on the client's event thread: hand over, never block) ----

    @Override
    public void subscribed(Event.Subscribed subscribed) {
        on("SUBSCRIBED", () -> {
            if (subscribed.hasAgentInfo() && !subscribed.getAgentInfo().getHostname().isBlank()) {
                agentHost = subscribed.getAgentInfo().getHostname();
            }
        });
    }

    @Override
    public void launch(TaskInfo task) {
        on("LAUNCH", () -> launchTask(task));
    }

    @Override
    public void kill(Event.Kill kill) {
        Duration grace = kill.hasKillPolicy() && kill.getKillPolicy().hasGracePeriod()
                ? Duration.ofNanos(kill.getKillPolicy().getGracePeriod().getNanoseconds())
                : settings.shutdownGracePeriod();
        on("KILL", () -> killTask(kill.getTaskId(), grace));
    }

    @Override
    public void acknowledged(TaskID taskId, ByteString uuid) {
        on("ACKNOWLEDGED", () -> {
            if (phase == Phase.DONE && uuid.equals(terminalUpdate) && !exit.isDone()) {
                log.info("the agent acknowledged the terminal update of task {}", taskId.getValue());
                finish();
            }
        });
    }

    @Override
    public void message(ByteString data) {
        on("MESSAGE", () -> reassign(data));
    }

    @Override
    public void shutdown() {
        on("SHUTDOWN", this::shutdownTask);
    }

    @Override
    public void error(String message) {
        on("ERROR", () -> abandon("the Mesos agent reported an error: " + message));
    }

    @Override
    public void agentLost(String reason) {
        on("agentLost", () -> abandon("the Mesos agent is lost: " + reason));
    }

    /**
     * SIGTERM: the agent (or an operator) is ending the process. Stops the collection within the
     * grace period, from the caller's thread waiting at most that long; sends no update, because the
     * agent that sent the signal reports the task's end itself.
     */
    public void stopOnSignal() throws InterruptedException {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    if (phase != Phase.DONE) {
                        log.info("stopping on SIGTERM");
                        stopCollectingAndEnd(EXIT_STOPPED);
                    }
                } finally {
                    stopped.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            return; // already stopped: the process is exiting after a terminal update
        }
        try {
            stopped.get(settings.shutdownGracePeriod().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("collection did not stop within the grace period of {}; unacknowledged lines will be read again on the next start",
                    settings.shutdownGracePeriod());
        }
    }

    // ---- the task (on the scheduler's thread) ----

    private void launchTask(TaskInfo info) {
        if (phase != Phase.WAITING_FOR_TASK) {
            log.error("LAUNCH of task {} refused: this executor already runs task {}", info.getTaskId().getValue(), describeTask());
            client.update(TaskStatuses.launchRefused(info.getTaskId(), describeTask()));
            return;
        }
        task = info.getTaskId();
        log.info("launching task {}", task.getValue());
        switch (reader.read(info, agentHost)) {
            case AssignmentReader.Usable usable -> start(usable.assignment(), usable.plan());
            case AssignmentReader.Unusable unusable -> fail(TaskStatus.Reason.REASON_TASK_INVALID, unusable.reason());
        }
    }

    private void reassign(ByteString data) {
        CollectorAssignment assignment;
        try {
            assignment = CollectorAssignment.parse(data);
        } catch (InvalidAssignmentException e) {
            log.error("ignoring a framework message that is not a collector assignment: {}", e.getMessage());
            return;
        }
        if (phase == Phase.WAITING_FOR_TASK || phase == Phase.STOPPING || phase == Phase.DONE) {
            log.info("configuration version {} ignored: no task is running", assignment.version());
            return;
        }
        // A version the scheduler sends again is one it has not heard about (its status update may
        // have been lost, or the scheduler restarted): it is told again, or it re-sends for ever.
        switch (versions.judge(assignment)) {
            case APPLIED_ALREADY -> {
                log.info("configuration version {} ignored: version {} is applied already", assignment.version(), versions.version());
                reportRunningAgain();
                return;
            }
            case REJECTED_ALREADY -> {
                log.info("configuration version {} ignored: version {} was rejected already", assignment.version(), versions.rejectedVersion());
                reportRunningAgain();
                return;
            }
            case NEWER -> { }
        }
        AgentPlan plan;
        try {
            plan = read(assignment);
        } catch (ConfigException e) {
            log.error("configuration version {} rejected, version {} keeps running: {}", assignment.version(), versions.version(), e.getMessage());
            versions.rejected(assignment.version(), e.getMessage());
            reportRunningAgain();
            return;
        }
        List<String> changed = RestartingSettings.changed(versions.plan().collector(), plan.collector());
        if (changed.isEmpty()) {
            log.info("applying configuration version {} (was {}): only the rules and pipelines changed, so they are applied "
                    + "to the running collection without a restart", assignment.version(), versions.version());
            run.apply(plan).whenComplete((done, error) -> on("configuration version " + assignment.version() + " applied",
                    () -> hotApplied(assignment, plan, error)));
            return;
        }
        // A restart from the checkpoints loses nothing; it only delivers again what was not
        // acknowledged yet. The new sink or settings could not be swapped under running streams.
        log.info("applying configuration version {} (was {}): {} changed, so collection restarts from the checkpoints",
                assignment.version(), versions.version(), String.join(", ", changed));
        timers.cancel();
        run.close(settings.reapplyCloseTimeout());
        versions.clearRejection();
        start(assignment, plan);
    }

    /** The end of a hot apply: the new version runs, or Logstash refused it and the old one goes on. */
    private void hotApplied(CollectorAssignment assignment, AgentPlan plan, Throwable error) {
        if (phase == Phase.STOPPING || phase == Phase.DONE || assignment.version() <= versions.version()) {
            return;
        }
        if (error == null) {
            versions.applied(assignment, plan);
            versions.clearRejection();
            log.info("configuration version {} applied", assignment.version());
        } else {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
            log.error("configuration version {} rejected, version {} keeps running: {}", assignment.version(), versions.version(), cause.getMessage());
            versions.rejected(assignment.version(), cause.getMessage());
        }
        // While starting, the readiness check reports the version once collection is ready.
        reportRunningAgain();
    }

    private void start(CollectorAssignment assignment, AgentPlan plan) {
        try {
            run.start(plan);
        } catch (ConfigException e) {
            fail(TaskStatus.Reason.REASON_TASK_INVALID, e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.error("cannot start collecting with configuration version {}", assignment.version(), e);
            fail(null, "cannot start collecting with configuration version " + assignment.version() + ": " + e);
            return;
        }
        versions.applied(assignment, plan);
        phase = Phase.STARTING;
        checkReady();
    }

    private void checkReady() {
        timers.readinessCheckFired();
        if (phase != Phase.STARTING) {
            return;
        }
        switch (run.readiness()) {
            case CollectorRun.Ready ready -> {
                phase = Phase.RUNNING;
                log.info("task {} is collecting with configuration version {}", task.getValue(), versions.version());
                reportRunning();
                if (!timers.reportScheduled()) {
                    scheduleReport();
                }
                return;
            }
            case CollectorRun.Failed failed -> {
                fail(null, failed.reason());
                return;
            }
            case CollectorRun.WaitingForDocker waiting -> {
                // Still within the deadline: past it, the run's readiness is Failed.
            }
            // Logstash has its own startup timeout, after which the run reports Failed with Logstash's last words.
            case CollectorRun.WaitingForLogstash waiting -> log.debug("waiting for Logstash: {}", waiting.status());
        }
        timers.scheduleReadinessCheck(() -> guarded("readiness check", this::checkReady), settings.readinessPoll());
    }

    private void scheduleReport() {
        timers.scheduleReport(() -> guarded("report", this::sendReport), ExecutorReporter.INTERVAL);
    }

    /** The figures of the run to the scheduler, every {@link ExecutorReporter#INTERVAL} while it runs. */
    private void sendReport() {
        timers.reportFired();
        if (phase != Phase.RUNNING || !run.isPresent()) {
            return;
        }
        reporter.report(run.get(), versions.version(), reader.host(agentHost));
        scheduleReport();
    }

    private void reportRunningAgain() {
        if (phase == Phase.RUNNING) {
            reportRunning();
        }
    }

    private void reportRunning() {
        client.update(versions.running(task));
    }

    private void killTask(TaskID id, Duration grace) {
        if (task == null || !task.equals(id)) {
            log.warn("KILL for task {} ignored: this executor runs {}", id.getValue(), describeTask());
            return;
        }
        if (phase == Phase.STOPPING || phase == Phase.DONE) {
            log.info("KILL for task {} ignored: it is ending already", id.getValue());
            return;
        }
        log.info("killing task {} (grace period {})", id.getValue(), grace);
        stop(grace, "killed: collection stopped and checkpoints flushed");
    }

    private void shutdownTask() {
        if (phase == Phase.STOPPING || phase == Phase.DONE) {
            return;
        }
        if (phase == Phase.WAITING_FOR_TASK) {
            log.info("shutting down with no task");
            phase = Phase.DONE;
            exitCode = EXIT_STOPPED;
            finish();
            return;
        }
        log.info("shutting down task {} (grace period {})", task.getValue(), settings.shutdownGracePeriod());
        stop(settings.shutdownGracePeriod(), "the executor was shut down: collection stopped and checkpoints flushed");
    }

    private void stop(Duration grace, String message) {
        phase = Phase.STOPPING;
        timers.cancel();
        run.close(settings.closeWithin(grace));
        terminate(TaskStatuses.killed(task, versions, message), EXIT_STOPPED);
    }

    private void fail(TaskStatus.Reason reason, String message) {
        log.error("task {} failed: {}", task.getValue(), message);
        phase = Phase.STOPPING;
        timers.cancel();
        run.close(settings.closeWithin(settings.shutdownGracePeriod()));
        terminate(TaskStatuses.failed(task, reason, message), EXIT_TASK_FAILED);
    }

    /** Sends the terminal update and ends once the agent acknowledged it, or after a short wait. */
    private void terminate(TaskStatus status, int code) {
        phase = Phase.DONE;
        exitCode = code;
        terminalUpdate = client.update(status).getUuid();
        if (client.unacknowledgedUpdates().stream().noneMatch(update -> update.getUuid().equals(terminalUpdate))) {
            finish();
            return;
        }
        thread.schedule(() -> guarded("terminal acknowledgement timeout", () -> {
            if (!exit.isDone()) {
                log.warn("the agent did not acknowledge {} of task {} within {}; exiting anyway", status.getState(),
                        status.getTaskId().getValue(), settings.terminalAckTimeout());
                finish();
            }
        }), settings.terminalAckTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** No update can be sent: stop collecting and end. */
    private void abandon(String reason) {
        if (exit.isDone()) {
            return;
        }
        log.error("{}; stopping collection and exiting", reason);
        stopCollectingAndEnd(EXIT_AGENT_LOST);
    }

    /** Ends without a terminal update: none is wanted (SIGTERM) or none can be sent. */
    private void stopCollectingAndEnd(int code) {
        phase = Phase.DONE;
        exitCode = code;
        timers.cancel();
        run.close(settings.closeWithin(settings.shutdownGracePeriod()));
        finish();
    }

    private void finish() {
        reporter.close();
        if (exit.complete(exitCode)) {
            log.info("executor done, exit code {}", exitCode);
        }
    }

    private AgentPlan read(CollectorAssignment assignment) {
        return reader.read(assignment, agentHost);
    }

    private String describeTask() {
        return task == null ? "no task" : task.getValue();
    }

    private void on(String event, Runnable action) {
        steps.on(event, action);
    }

    private void guarded(String what, Runnable step) {
        steps.guarded(what, step);
    }
}
