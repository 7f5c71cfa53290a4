package org.mesoslogstash.scheduler.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.mesoslogstash.scheduler.distribution.DistributionStatus;
import org.mesoslogstash.scheduler.distribution.DistributionStatus.ExecutorConfiguration;
import org.mesoslogstash.scheduler.placement.ActivityLog.Activity;
import org.mesoslogstash.scheduler.task.AgentTask;
import org.mesoslogstash.scheduler.task.TaskStates;

/**
 * One row per agent the scheduler knows, from what it holds (never estimated): the agent's executor task,
 * the configuration version the executor reported, and the agent's latest scheduling decision. An agent
 * is known when it has a task, an executor in the distribution, or an entry in the activity log (an
 * offer declined, for example). Rows with a problem (executor not live, no executor, configuration
 * rejected) come first, so that the dashboard shows them before the rest.
 */
public final class AgentOverview {

    private AgentOverview() {
    }

    /** An agent's latest entry in the activity log. */
    public record LastActivity(Instant time, String kind, String detail) {
    }

    /**
     * @param executorState     the Mesos state of the agent's executor task; null when it has none
     * @param configState       APPLIED, PENDING or REJECTED; null without a running executor
     * @param appliedVersion    the configuration version the executor last reported; null before its first report
     * @param relaunchNotBefore when the next launch may happen after a failure; null otherwise
     * @param problem           what needs an operator's look, or null
     */
    public record AgentRow(String agentId, String taskId, String executorState, Boolean confirmed, Instant since,
            Instant relaunchNotBefore, String configState, Long appliedVersion, Long rejectedVersion, String rejectionReason,
            LastActivity lastActivity, String problem) {
    }

    public record Agents(Long currentVersion, List<AgentRow> agents) {
    }

    public static Agents build(List<AgentTask> tasks, Map<String, Instant> relaunchNotBefore, DistributionStatus distribution,
            List<Activity> activity) {
        Map<String, AgentTask> byAgent = new TreeMap<>();
        tasks.forEach(t -> byAgent.put(t.agentId(), t));
        Map<String, ExecutorConfiguration> configurations = new TreeMap<>();
        distribution.executors().forEach(e -> configurations.put(e.agentId(), e));
        Map<String, Activity> latest = new TreeMap<>();
        activity.stream().filter(a -> !a.agent().isEmpty()).forEach(a -> latest.merge(a.agent(), a,
                (old, now) -> now.time().isBefore(old.time()) ? old : now));

        TreeSet<String> agents = new TreeSet<>(byAgent.keySet());
        agents.addAll(configurations.keySet());
        agents.addAll(latest.keySet());
        agents.addAll(relaunchNotBefore.keySet());

        List<AgentRow> rows = new ArrayList<>();
        for (String agent : agents) {
            AgentTask task = byAgent.get(agent);
            ExecutorConfiguration config = configurations.get(agent);
            Activity last = latest.get(agent);
            rows.add(new AgentRow(agent,
                    task == null ? null : task.taskId(),
                    task == null ? null : task.state().name(),
                    task == null ? null : task.confirmed(),
                    task == null ? null : task.since(),
                    relaunchNotBefore.get(agent),
                    config == null ? null : config.state().name(),
                    config == null || config.appliedVersion().isEmpty() ? null : config.appliedVersion().getAsLong(),
                    config == null || config.rejectedVersion().isEmpty() ? null : config.rejectedVersion().getAsLong(),
                    config == null ? null : config.rejectionReason().orElse(null),
                    last == null ? null : new LastActivity(last.time(), last.kind().name(), last.detail()),
                    problem(task, config, last)));
        }
        rows.sort(Comparator.comparing((AgentRow r) -> r.problem() == null).thenComparing(AgentRow::agentId));
        return new Agents(distribution.currentVersion().isPresent() ? distribution.currentVersion().getAsLong() : null, rows);
    }

    private static String problem(AgentTask task, ExecutorConfiguration config, Activity last) {
        if (task == null) {
            return "no executor" + (last == null ? "" : ": " + last.detail());
        }
        if (!TaskStates.live(task.state())) {
            return "executor " + task.state().name();
        }
        if (config != null && config.state() == DistributionStatus.State.REJECTED) {
            return "rejected configuration version " + (config.rejectedVersion().isPresent() ? config.rejectedVersion().getAsLong() : "?")
                    + config.rejectionReason().map(r -> ": " + r).orElse("");
        }
        return null;
    }
}
