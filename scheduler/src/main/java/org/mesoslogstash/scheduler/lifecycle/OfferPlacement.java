package org.mesoslogstash.scheduler.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.mesoslogstash.mesos.http.MesosException;
import org.mesoslogstash.mesos.scheduler.SchedulerClient;
import org.mesoslogstash.scheduler.framework.SchedulerProperties;
import org.mesoslogstash.scheduler.framework.StateStoreException;
import org.mesoslogstash.scheduler.launch.ExecutorLaunch;
import org.mesoslogstash.scheduler.placement.ActivityLog;
import org.mesoslogstash.scheduler.placement.ActivityLog.Activity;
import org.mesoslogstash.scheduler.placement.ActivityLog.Kind;
import org.mesoslogstash.scheduler.placement.ClusterView;
import org.mesoslogstash.scheduler.placement.OfferEvaluator;
import org.mesoslogstash.scheduler.task.TaskRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scheduler does with one offer: launch its executor on the agent when the placement rules
 * accept the offer, otherwise decline it with a filter that fits the reason. A launch is stored
 * before it is sent. A decline is logged at INFO only when its reason is news for the agent.
 *
 * <p>Not thread-safe: {@link LogstashScheduler} calls it under its lock.
 */
final class OfferPlacement {

    // Under the scheduler's name, so that an operator's log levels for the scheduler still apply.
    private static final Logger LOG = LoggerFactory.getLogger(LogstashScheduler.class);

    private final SchedulerClient client;
    private final SchedulerProperties properties;
    private final TaskRegistry registry;
    private final OfferEvaluator evaluator;
    private final ExecutorLaunch launch;
    private final ActivityLog activity;
    private final Clock clock;
    private final AtomicLong launches = new AtomicLong();
    /** The last decline reasons logged at INFO per agent: a changed reason is news, a repeated one is not. */
    private final Map<String, String> lastDeclineReasons = new HashMap<>();

    OfferPlacement(SchedulerClient client, SchedulerProperties properties, TaskRegistry registry, OfferEvaluator evaluator,
            ExecutorLaunch launch, ActivityLog activity, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.registry = registry;
        this.evaluator = evaluator;
        this.launch = launch;
        this.activity = activity;
        this.clock = clock;
    }

    /**
     * @param view      the cluster as it is now
     * @param tornDown  whether the framework was torn down: then every offer is declined
     */
    void place(Offer offer, ClusterView view, boolean tornDown) {
        OfferEvaluator.Decision decision = evaluator.evaluate(offer, view);
        if (decision.accepted() && !tornDown) {
            launch(offer);
        } else {
            decline(offer, view, decision.reasons());
        }
    }

    private void decline(Offer offer, ClusterView view, List<String> reasons) {
        String agent = offer.getAgentId().getValue();
        double refuse = refuseSeconds(agent, view);
        String reason = reasons.isEmpty() ? "framework torn down" : String.join("; ", reasons);
        boolean routine = view.reconciling() || view.agentsWithExecutor().contains(agent) || view.relaunchNotBefore().containsKey(agent)
                || reason.equals(lastDeclineReasons.get(agent));
        if (routine) {
            LOG.debug("Declined offer {} from {} ({}) for {} s: {}", offer.getId().getValue(), offer.getHostname(), agent, refuse, reason);
        } else {
            LOG.info("Declined offer {} from {} ({}) for {} s: {}", offer.getId().getValue(), offer.getHostname(), agent, refuse, reason);
            lastDeclineReasons.put(agent, reason);
        }
        record(Kind.OFFER_DECLINED, agent, offer.getHostname() + ": " + reason);
        SurvivableCall.send("decline", () -> client.decline(List.of(offer.getId()), Filters.newBuilder().setRefuseSeconds(refuse).build()));
    }

    /** Long while the agent has its executor, until the end of a backoff, otherwise the configured filter. */
    private double refuseSeconds(String agent, ClusterView view) {
        if (view.agentsWithExecutor().contains(agent) && !view.reconciling()) {
            return properties.placedRefuseSeconds();
        }
        Instant notBefore = view.relaunchNotBefore().get(agent);
        if (notBefore != null && view.now().isBefore(notBefore)) {
            return Math.max(1, Duration.between(view.now(), notBefore).toMillis() / 1000.0);
        }
        return properties.refuseSeconds();
    }

    private void launch(Offer offer) {
        String agent = offer.getAgentId().getValue();
        String taskId = "mesos-logstash." + agent + "." + clock.millis() + "-" + launches.incrementAndGet();
        try {
            registry.launching(agent, taskId);
        } catch (StateStoreException e) {
            LOG.warn("Not launching on {}: the task id could not be stored first", offer.getHostname(), e);
            record(Kind.FAILURE, agent, "launch on " + offer.getHostname() + " not sent: " + e.getMessage());
            SurvivableCall.send("decline", () -> client.decline(List.of(offer.getId()),
                    Filters.newBuilder().setRefuseSeconds(properties.refuseSeconds()).build()));
            return;
        }
        TaskInfo task = launch.taskInfo(offer, taskId);
        Offer.Operation operation = Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task)).build();
        lastDeclineReasons.remove(agent);
        try {
            client.accept(List.of(offer.getId()), List.of(operation), Filters.newBuilder().setRefuseSeconds(properties.placedRefuseSeconds()).build());
        } catch (MesosException e) {
            LOG.warn("Launch of {} on {} not accepted by the master; retrying after backoff", taskId, offer.getHostname(), e);
            record(Kind.FAILURE, agent, "launch of " + taskId + " failed: " + e.getMessage());
            try {
                registry.launchFailed(agent, taskId);
            } catch (StateStoreException stored) {
                // The stored id stays; reconciliation answers TASK_UNKNOWN for it and frees the agent.
                LOG.warn("Could not forget the failed launch {}", taskId, stored);
            }
            return;
        }
        LOG.info("Launched executor task {} on {} ({})", taskId, offer.getHostname(), agent);
        record(Kind.OFFER_ACCEPTED, agent, offer.getHostname() + ": offer " + offer.getId().getValue() + " accepted");
        record(Kind.LAUNCH, agent, "launched " + taskId + " on " + offer.getHostname());
    }

    private void record(Kind kind, String agent, String detail) {
        activity.add(new Activity(clock.instant(), kind, agent, detail));
    }
}
