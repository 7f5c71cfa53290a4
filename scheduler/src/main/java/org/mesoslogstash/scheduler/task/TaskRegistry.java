package org.mesoslogstash.scheduler.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The executor task of every agent, and the relaunch backoff of agents whose executor failed. Every
 * change to which task an agent has is written to the {@link TaskStore} before the registry changes, so
 * a {@link org.mesoslogstash.scheduler.framework.StateStoreException} leaves the registry as it was and
 * the caller does not acknowledge the update (Mesos delivers it again).
 *
 * <p>Not thread-safe: owned by the scheduler, used under its lock.
 */
public final class TaskRegistry {

    /** What a status update meant for the agent. */
    public enum Change {
        /** A state change of the agent's current task. */
        UPDATED,
        /** The current task ended; the agent needs a new executor after its backoff. */
        ENDED,
        /** The agent is gone (TASK_GONE*): task and backoff forgotten. */
        FORGOTTEN,
        /** A live task the registry did not know (not an UNREACHABLE one), on an agent without one: now the agent's task. */
        ADOPTED,
        /** A live task beside the agent's current one: must be killed. */
        DUPLICATE,
        /** About a task that is no longer the agent's (an old or already ended one): nothing to do. */
        STALE
    }

    private record Backoff(int failures, Instant notBefore) {
    }

    private final TaskStore store;
    private final Clock clock;
    private final IntFunction<Duration> relaunchBackoff;
    private final Map<String, AgentTask> tasks = new HashMap<>();
    private final Map<String, Backoff> backoffs = new HashMap<>();

    public TaskRegistry(TaskStore store, Clock clock, IntFunction<Duration> relaunchBackoff) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.relaunchBackoff = Objects.requireNonNull(relaunchBackoff, "relaunchBackoff");
    }

    /** Loads the stored tasks as unconfirmed; they count as live until reconciliation says otherwise. */
    public void load() {
        Map<String, String> stored = store.load();
        tasks.clear();
        Instant now = clock.instant();
        stored.forEach((agent, task) -> tasks.put(agent, new AgentTask(agent, task, TaskState.TASK_STAGING, false, now)));
    }

    /** Records a launch about to be sent; stored first, so that a restarted scheduler asks about it. */
    public void launching(String agentId, String taskId) {
        AgentTask current = tasks.get(agentId);
        if (current != null && TaskStates.live(current.state())) {
            throw new IllegalStateException("agent " + agentId + " already has task " + current.taskId());
        }
        store.put(agentId, taskId);
        tasks.put(agentId, new AgentTask(agentId, taskId, TaskState.TASK_STAGING, false, clock.instant()));
    }

    /** The launch was not accepted by the master: the agent has no task and waits its backoff. */
    public void launchFailed(String agentId, String taskId) {
        AgentTask current = tasks.get(agentId);
        if (current != null && current.taskId().equals(taskId)) {
            store.remove(agentId);
            tasks.remove(agentId);
            failed(agentId);
        }
    }

    public Change apply(TaskStatus status) {
        String taskId = status.getTaskId().getValue();
        String agentId = status.getAgentId().getValue();
        TaskState state = status.getState();
        AgentTask current = tasks.get(agentId);
        Instant now = clock.instant();
        if (current == null || !current.taskId().equals(taskId)) {
            // An UNREACHABLE task is not adopted: nothing says its executor still runs (a removed agent's
            // task is reported so by every reconciliation), and adopting it would hold its agent so that
            // the agent, back, never gets an executor. If the task itself comes back, its RUNNING is adopted then.
            if (!TaskStates.live(state) || state == TaskState.TASK_UNREACHABLE) {
                return Change.STALE;
            }
            if (current != null && TaskStates.live(current.state())) {
                return Change.DUPLICATE;
            }
            store.put(agentId, taskId);
            tasks.put(agentId, new AgentTask(agentId, taskId, state, true, now));
            return Change.ADOPTED;
        }
        if (TaskStates.live(state)) {
            tasks.put(agentId, new AgentTask(agentId, taskId, state, true, now));
            if (state == TaskState.TASK_RUNNING) {
                backoffs.remove(agentId);
            }
            return Change.UPDATED;
        }
        store.remove(agentId);
        tasks.remove(agentId);
        if (TaskStates.GONE.contains(state)) {
            backoffs.remove(agentId);
            return Change.FORGOTTEN;
        }
        if (state != TaskState.TASK_UNKNOWN) {
            failed(agentId);
        }
        return Change.ENDED;
    }

    /** The agent was removed from the cluster: its task and backoff are forgotten. */
    public void agentRemoved(String agentId) {
        if (tasks.containsKey(agentId)) {
            store.remove(agentId);
            tasks.remove(agentId);
        }
        backoffs.remove(agentId);
    }

    /** Forgets everything, the stored task ids included (after a teardown). */
    public void clear() {
        for (String agent : List.copyOf(tasks.keySet())) {
            store.remove(agent);
            tasks.remove(agent);
        }
        backoffs.clear();
    }

    public Optional<AgentTask> task(String agentId) {
        return Optional.ofNullable(tasks.get(agentId));
    }

    public List<AgentTask> tasks() {
        return List.copyOf(tasks.values());
    }

    /** Agents with a live task, a launch in flight, or a stored task not yet reconciled. */
    public Set<String> agentsWithExecutor() {
        return tasks.values().stream().filter(t -> TaskStates.live(t.state())).map(AgentTask::agentId).collect(Collectors.toSet());
    }

    public Map<String, Instant> relaunchNotBefore() {
        return backoffs.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().notBefore()));
    }

    private void failed(String agentId) {
        Backoff previous = backoffs.get(agentId);
        int failures = previous == null ? 1 : previous.failures() + 1;
        backoffs.put(agentId, new Backoff(failures, clock.instant().plus(relaunchBackoff.apply(failures))));
    }
}
