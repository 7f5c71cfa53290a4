package org.mesoslogstash.scheduler.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.mesoslogstash.mesos.scheduler.SchedulerClient;
import org.mesoslogstash.mesos.scheduler.SchedulerListener;
import org.mesoslogstash.scheduler.distribution.ConfigurationDistributor;
import org.mesoslogstash.scheduler.distribution.DistributionStatus;
import org.mesoslogstash.scheduler.framework.FrameworkIdStore;
import org.mesoslogstash.scheduler.framework.FrameworkInfos;
import org.mesoslogstash.scheduler.framework.SchedulerProperties;
import org.mesoslogstash.scheduler.framework.StateStoreException;
import org.mesoslogstash.scheduler.launch.ExecutorLaunch;
import org.mesoslogstash.scheduler.placement.ActivityLog;
import org.mesoslogstash.scheduler.placement.ActivityLog.Activity;
import org.mesoslogstash.scheduler.placement.ActivityLog.Kind;
import org.mesoslogstash.scheduler.placement.ClusterView;
import org.mesoslogstash.scheduler.placement.OfferEvaluator;
import org.mesoslogstash.scheduler.report.ExecutorReports;
import org.mesoslogstash.scheduler.task.AgentTask;
import org.mesoslogstash.scheduler.task.TaskRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler: follows an offer through placement to a launched executor task and keeps exactly one
 * executor on every agent through failures and failovers.
 *
 * <ul>
 * <li>The framework id is stored as soon as Mesos confirms it, so a restarted scheduler takes over.</li>
 * <li>After every (re)subscription, reconciliation: explicit for the known tasks, then implicit; offers
 * are declined until it completes.</li>
 * <li>A launch is stored (agent → task id) before it is sent, and counts as the agent's executor until
 * Mesos says otherwise; a status update is acknowledged only after its effect is stored.</li>
 * <li>Offers are not suppressed: an offer from an agent that has its executor is declined with a long
 * filter ({@code placed-refuse-seconds}), so a new agent's offers still arrive; REVIVE clears the
 * filters when an executor must be relaunched.</li>
 * <li>Running executors are brought to the current configuration version by the
 * {@link ConfigurationDistributor}, which learns their versions from the status updates.</li>
 * <li>Closing leaves the executors running (failover); {@link #teardown()} removes them and the framework.</li>
 * </ul>
 *
 * <p>Thread-safety: Mesos events arrive on the client's event thread, timers on the injected scheduled
 * executor, teardown on a web thread; all state is guarded by this object's lock. What an offer leads
 * to is {@link OfferPlacement}'s, the reconciliation calls are {@link ReconciliationRounds}'; neither has
 * a lock of its own: they are only called under this one.
 */
public final class LogstashScheduler implements SchedulerListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogstashScheduler.class);

    private final SchedulerClient client;
    private final SchedulerProperties properties;
    private final FrameworkIdStore frameworkIds;
    private final TaskRegistry registry;
    private final OfferPlacement placement;
    private final ActivityLog activity;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final ConfigurationDistributor distributor;
    private final ReconciliationRounds rounds;

    private boolean subscribed;
    private boolean tornDown;
    private Optional<String> frameworkId = Optional.empty();
    private Optional<String> lastError = Optional.empty();

    private final ExecutorReports reports;

    public LogstashScheduler(SchedulerClient client, SchedulerProperties properties, FrameworkIdStore frameworkIds,
            TaskRegistry registry, OfferEvaluator evaluator, ExecutorLaunch launch, ActivityLog activity,
            Clock clock, ScheduledExecutorService timers, ConfigurationDistributor distributor) {
        this.client = Objects.requireNonNull(client, "client");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.frameworkIds = Objects.requireNonNull(frameworkIds, "frameworkIds");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.placement = new OfferPlacement(client, properties, registry, Objects.requireNonNull(evaluator, "evaluator"),
                Objects.requireNonNull(launch, "launch"), activity, clock);
        this.rounds = new ReconciliationRounds(client, properties, registry, activity, clock);
        this.timers = Objects.requireNonNull(timers, "timers");
        this.distributor = Objects.requireNonNull(distributor, "distributor");
        this.reports = new ExecutorReports(clock);
    }

    /**
     * Loads the stored framework id and tasks and starts subscribing. A store that cannot be read fails
     * the start: subscribing without the id would register a second framework.
     */
    public void start() {
        Optional<FrameworkID> id;
        synchronized (this) {
            registry.load();
            id = frameworkIds.load();
            frameworkId = id.map(FrameworkID::getValue);
            record(Kind.LIFECYCLE, "", id.map(i -> "starting as framework " + i.getValue() + " with " + registry.tasks().size() + " known tasks")
                    .orElse("starting as a new framework"));
        }
        LOG.info("Starting scheduler {} ({} known executor tasks)", id.map(i -> "as framework " + i.getValue()).orElse("as a new framework"),
                registry.tasks().size());
        client.start(FrameworkInfos.from(properties, id), this);
        long interval = properties.reconciliationInterval().toMillis();
        timers.scheduleWithFixedDelay(this::periodicReconciliation, interval, interval, TimeUnit.MILLISECONDS);
        long check = ConfigurationDistributor.CHECK_INTERVAL.toMillis();
        timers.scheduleWithFixedDelay(distributor::distribute, check, check, TimeUnit.MILLISECONDS);
    }

    // ---- subscription and reconciliation ----

    @Override
    public synchronized void subscribed(FrameworkID id, Duration heartbeatInterval, MasterInfo master) {
        subscribed = true;
        frameworkId = Optional.of(id.getValue());
        try {
            frameworkIds.store(id);
        } catch (StateStoreException e) {
            // The executors run on; only a restart would not find them. Said loudly, and retried on every subscription.
            lastError = Optional.of(e.getMessage());
            LOG.error("Framework id {} could not be stored; a restarted scheduler would not take over its executors", id.getValue(), e);
        }
        record(Kind.LIFECYCLE, "", "subscribed as framework " + id.getValue() + " to master " + master.getHostname() + ":" + master.getPort());
        startReconciliation();
    }

    private void startReconciliation() {
        rounds.start().ifPresent(round ->
                timers.schedule(() -> reconciliationTimedOut(round), properties.reconciliationTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    private synchronized void reconciliationTimedOut(long round) {
        if (subscribed) {
            rounds.timedOut(round);
        }
    }

    /**
     * Between subscriptions, reconciles now and then, as Mesos recommends: explicitly for tasks it has
     * not reported on for longer than the reconciliation timeout (a launch whose updates were lost, a
     * task whose explicit reconciliation went unanswered), and implicitly for everything else.
     */
    synchronized void periodicReconciliation() {
        if (!subscribed || rounds.inProgress() || tornDown) {
            return;
        }
        rounds.periodic();
    }

    @Override
    public synchronized void disconnected(String reason) {
        subscribed = false;
        record(Kind.LIFECYCLE, "", "disconnected: " + reason);
    }

    // ---- offers and placement ----

    @Override
    public synchronized void offers(List<Offer> offers) {
        for (Offer offer : offers) {
            placement.place(offer, view(), tornDown);
        }
    }

    private ClusterView view() {
        return new ClusterView(!subscribed || rounds.inProgress(), registry.agentsWithExecutor(), registry.relaunchNotBefore(), clock.instant());
    }

    @Override
    public void rescind(OfferID offerId) {
        LOG.debug("Offer {} rescinded", offerId.getValue());
    }

    // ---- task status ----

    @Override
    public synchronized void update(TaskStatus status) {
        String agent = status.getAgentId().getValue();
        String taskId = status.getTaskId().getValue();
        TaskRegistry.Change change;
        try {
            change = registry.apply(status);
        } catch (StateStoreException e) {
            LOG.warn("Status {} of {} not stored; not acknowledged, Mesos will send it again", status.getState(), taskId, e);
            return;
        }
        String detail = taskId + " " + status.getState() + (status.hasMessage() ? ": " + status.getMessage() : "")
                + (status.hasReason() ? " (" + status.getReason() + ")" : "");
        switch (change) {
            case UPDATED -> LOG.info("Executor task {}", detail);
            case ADOPTED -> LOG.info("Adopted executor task the scheduler did not know: {}", detail);
            case STALE -> LOG.debug("Status of a task no longer current: {}", detail);
            case FORGOTTEN -> LOG.info("Agent {} is gone; forgot its executor task: {}", agent, detail);
            case ENDED -> {
                LOG.warn("Executor task ended, relaunching after backoff: {}", detail);
                SurvivableCall.send("revive", client::revive);
            }
            case DUPLICATE -> {
                LOG.warn("Second executor task on agent {}; killing it: {}", agent, detail);
                SurvivableCall.send("kill", () -> client.kill(status.getTaskId(), status.getAgentId()));
            }
        }
        if (change != TaskRegistry.Change.STALE) {
            record(change == TaskRegistry.Change.ENDED ? Kind.FAILURE : Kind.TASK_STATE, agent, detail);
        }
        if (subscribed) {
            rounds.answered(taskId);
        }
        if (status.hasUuid()) {
            SurvivableCall.send("acknowledge", () -> client.acknowledge(status.getAgentId(), status.getTaskId(), status.getUuid()));
        }
        if (change != TaskRegistry.Change.STALE && change != TaskRegistry.Change.DUPLICATE) {
            distributor.statusUpdate(status); // the executor's applied configuration version
        }
    }

    @Override
    public synchronized void failure(Event.Failure failure) {
        String agent = failure.getAgentId().getValue();
        if (failure.hasExecutorId()) {
            String detail = "executor " + failure.getExecutorId().getValue() + " terminated" + (failure.hasStatus() ? " with status " + failure.getStatus() : "");
            LOG.warn("On agent {}: {}", agent, detail);
            record(Kind.FAILURE, agent, detail);
            return;
        }
        LOG.warn("Agent {} removed; forgetting its executor task", agent);
        record(Kind.FAILURE, agent, "agent removed");
        try {
            registry.agentRemoved(agent);
            distributor.agentRemoved(agent);
            reports.agentRemoved(agent);
        } catch (StateStoreException e) {
            LOG.warn("Could not forget the task of removed agent {}", agent, e);
        }
    }

    /** Executors send nothing but their reports. */
    @Override
    public void message(Event.Message message) {
        reports.received(message.getAgentId().getValue(), message.getExecutorId().getValue(), message.getData().toByteArray());
    }

    /** The executors' latest reports. */
    public ExecutorReports reports() {
        return reports;
    }

    /**
     * Mesos' errors are final for the subscription. "Framework has been removed" (the failover timeout
     * passed, or a teardown elsewhere) means the stored id is useless and its tasks are gone: both are
     * forgotten and the client stopped, so that health fails and a restarted scheduler registers anew.
     */
    @Override
    public synchronized void error(String message) {
        LOG.error("Mesos reports an error for this framework: {}", message);
        record(Kind.FAILURE, "", "Mesos error: " + message);
        lastError = Optional.of(message);
        if (!message.contains("has been removed")) {
            return;
        }
        LOG.error("Framework {} was removed by Mesos; forgetting its id and tasks. Restart the scheduler to register a new framework",
                frameworkId.orElse("?"));
        lastError = Optional.of(message + "; restart the scheduler to register a new framework");
        subscribed = false;
        tornDown = true;
        try {
            distributor.clear();
            frameworkIds.clear();
            registry.clear();
        } catch (StateStoreException e) {
            LOG.error("Could not forget the removed framework's id; remove it from ZooKeeper by hand", e);
        }
        client.close(); // from the event thread: does not wait for itself
    }

    // ---- lifecycle ----

    /**
     * Kills every executor task, removes the framework from Mesos and forgets the framework id, so the
     * next scheduler registers anew. Throws {@link IllegalStateException} when not subscribed.
     */
    public synchronized void teardown() {
        if (!subscribed) {
            throw new IllegalStateException("not subscribed to a Mesos master; cannot tear down now");
        }
        List<AgentTask> tasks = registry.tasks();
        LOG.info("Tearing down: killing {} executor tasks and removing framework {}", tasks.size(), frameworkId.orElse("?"));
        for (AgentTask task : tasks) {
            SurvivableCall.send("kill", () -> client.kill(TaskID.newBuilder().setValue(task.taskId()).build(), AgentID.newBuilder().setValue(task.agentId()).build()));
        }
        client.teardown();
        tornDown = true;
        subscribed = false;
        distributor.clear();
        frameworkIds.clear();
        registry.clear();
        record(Kind.LIFECYCLE, "", "torn down: " + tasks.size() + " tasks killed, framework removed");
    }

    /** Stops talking to Mesos and leaves the executors running, for a scheduler that takes over. */
    @Override
    public void close() {
        LOG.info("Stopping the scheduler; executors keep running for the failover timeout ({})", properties.failoverTimeout());
        client.close(); // not under the lock: the event thread may be waiting for it
        synchronized (this) {
            subscribed = false;
            record(Kind.LIFECYCLE, "", "stopped; executors left running");
        }
    }

    public synchronized SchedulerStatus status() {
        return new SchedulerStatus(subscribed, frameworkId, !subscribed || rounds.inProgress(),
                registry.agentsWithExecutor().size(), tornDown, lastError);
    }

    /** Which configuration version each executor runs. */
    public DistributionStatus configurationStatus() {
        return distributor.status();
    }

    public List<Activity> activity() {
        return activity.recent();
    }

    /** Every agent's executor task as known now (for the web UI): a snapshot. */
    public synchronized List<AgentTask> tasks() {
        return registry.tasks();
    }

    /** Agents whose executor failed, and when the next launch may happen (for the web UI): a snapshot. */
    public synchronized Map<String, Instant> relaunchNotBefore() {
        return registry.relaunchNotBefore();
    }

    private void record(Kind kind, String agent, String detail) {
        activity.add(new Activity(clock.instant(), kind, agent, detail));
    }
}
