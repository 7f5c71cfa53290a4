package org.mesoslogstash.scheduler.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.mesoslogstash.mesos.scheduler.SchedulerClient;
import org.mesoslogstash.scheduler.framework.SchedulerProperties;
import org.mesoslogstash.scheduler.placement.ActivityLog;
import org.mesoslogstash.scheduler.placement.ActivityLog.Activity;
import org.mesoslogstash.scheduler.placement.ActivityLog.Kind;
import org.mesoslogstash.scheduler.task.AgentTask;
import org.mesoslogstash.scheduler.task.Reconciliation;
import org.mesoslogstash.scheduler.task.TaskRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation calls: a round after every (re)subscription (explicit for the known tasks, then
 * implicit and REVIVE once all are answered or the timeout passed), and the periodic one between
 * subscriptions. Whether the scheduler is subscribed is its caller's to check.
 *
 * <p>Not thread-safe: {@link LogstashScheduler} calls it under its lock, and schedules the round's
 * timeout itself so that the timeout, too, runs under that lock.
 */
final class ReconciliationRounds {

    // Under the scheduler's name, so that an operator's log levels for the scheduler still apply.
    private static final Logger LOG = LoggerFactory.getLogger(LogstashScheduler.class);

    private final SchedulerClient client;
    private final SchedulerProperties properties;
    private final TaskRegistry registry;
    private final ActivityLog activity;
    private final Clock clock;
    private final Reconciliation reconciliation = new Reconciliation();

    ReconciliationRounds(SchedulerClient client, SchedulerProperties properties, TaskRegistry registry, ActivityLog activity, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.registry = registry;
        this.activity = activity;
        this.clock = clock;
    }

    /** Also true before the first subscription: nothing is known to be true yet. */
    boolean inProgress() {
        return reconciliation.inProgress();
    }

    /**
     * Starts a round for the known tasks. Returns the round whose timeout the caller schedules
     * ({@link #timedOut}), or nothing when there was no task to ask about and the round is complete.
     */
    OptionalLong start() {
        Set<String> known = registry.tasks().stream().map(AgentTask::taskId).collect(Collectors.toSet());
        long round = reconciliation.start(known);
        LOG.info("Reconciling {} known executor tasks", known.size());
        record("explicit reconciliation of " + known.size() + " tasks");
        if (known.isEmpty()) {
            finish();
            return OptionalLong.empty();
        }
        SurvivableCall.send("explicit reconciliation", () -> client.reconcile(registry.tasks().stream().map(ReconciliationRounds::reconcileTask).toList()));
        return OptionalLong.of(round);
    }

    /** The round's timeout: unless the round is over or another began, go on implicitly and ask again for the unanswered. */
    void timedOut(long round) {
        if (round != reconciliation.round() || !reconciliation.inProgress()) {
            return;
        }
        LOG.warn("Reconciliation: no answer for tasks {} within {}; going on with implicit reconciliation, asking again",
                reconciliation.awaiting(), properties.reconciliationTimeout());
        List<Call.Reconcile.Task> unanswered = registry.tasks().stream()
                .filter(t -> reconciliation.awaiting().contains(t.taskId())).map(ReconciliationRounds::reconcileTask).toList();
        finish();
        SurvivableCall.send("explicit reconciliation retry", () -> client.reconcile(unanswered));
    }

    /** A status of this task arrived; the round completes when it was the last one awaited. */
    void answered(String taskId) {
        if (reconciliation.inProgress() && reconciliation.answered(taskId)) {
            finish();
        }
    }

    private void finish() {
        reconciliation.complete();
        SurvivableCall.send("implicit reconciliation", () -> client.reconcile(List.of()));
        // Offers declined during reconciliation carry filters; clear them so placement starts now.
        SurvivableCall.send("revive", client::revive);
        record("reconciliation complete; offers are used again");
        LOG.info("Reconciliation complete; {} agents have an executor", registry.agentsWithExecutor().size());
    }

    /**
     * Between rounds: explicitly for tasks Mesos has not reported on for longer than the
     * reconciliation timeout, implicitly for everything else.
     */
    void periodic() {
        Instant before = clock.instant().minus(properties.reconciliationTimeout());
        List<Call.Reconcile.Task> unconfirmed = registry.tasks().stream()
                .filter(t -> !t.confirmed() && t.since().isBefore(before)).map(ReconciliationRounds::reconcileTask).toList();
        if (!unconfirmed.isEmpty()) {
            LOG.warn("No status from Mesos for {} executor tasks; asking for them", unconfirmed.size());
            SurvivableCall.send("explicit reconciliation", () -> client.reconcile(unconfirmed));
        }
        LOG.debug("Periodic implicit reconciliation");
        SurvivableCall.send("implicit reconciliation", () -> client.reconcile(List.of()));
    }

    private static Call.Reconcile.Task reconcileTask(AgentTask task) {
        return Call.Reconcile.Task.newBuilder()
                .setTaskId(TaskID.newBuilder().setValue(task.taskId()))
                .setAgentId(AgentID.newBuilder().setValue(task.agentId()))
                .build();
    }

    private void record(String detail) {
        activity.add(new Activity(clock.instant(), Kind.RECONCILIATION, "", detail));
    }
}
