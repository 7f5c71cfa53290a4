package org.mesoslogstash.scheduler.distribution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.mesoslogstash.config.distribution.AppliedConfiguration;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.mesos.http.MesosException;
import org.mesoslogstash.mesos.scheduler.SchedulerClient;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.scheduler.distribution.DistributionStatus.ExecutorConfiguration;
import org.mesoslogstash.scheduler.distribution.DistributionStatus.State;
import org.mesoslogstash.scheduler.launch.ExecutorLaunch;
import org.mesoslogstash.scheduler.task.TaskStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings every running executor to the current configuration version. Framework messages are
 * best-effort, so the executors' own reports decide: each status update of a running executor carries
 * the version it applied ({@link AppliedConfiguration}), and an executor whose reported version is
 * older than the current one gets the current {@link CollectorAssignment} as a framework message, again
 * and again with a per-executor backoff, until it reports that version, reports it rejected, or ends.
 *
 * <p>An executor launched with the current version reports it in its first TASK_RUNNING and is sent
 * nothing. An executor not yet running (staging, starting) is not sent anything: it could not receive it.
 *
 * <p>Thread-safe: status updates arrive on the Mesos event thread, {@link #distribute()} on a timer and
 * after a configuration change; messages are sent under this object's lock.
 */
public final class ConfigurationDistributor {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationDistributor.class);

    /** How often {@link #distribute()} should run: the delay before a new version goes out, and the resolution of re-sends. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    /** One running executor, as its status updates describe it. Confined to the distributor's lock. */
    private static final class Executor {
        final String agentId;
        final String executorId;
        final String taskId;
        OptionalLong applied = OptionalLong.empty();
        OptionalLong rejected = OptionalLong.empty();
        Optional<String> rejectionReason = Optional.empty();
        long sentVersion;
        int sends;
        Instant nextSend = Instant.MIN;

        Executor(String agentId, String executorId, String taskId) {
            this.agentId = agentId;
            this.executorId = executorId;
            this.taskId = taskId;
        }

        State state(OptionalLong current) {
            if (current.isEmpty() || (applied.isPresent() && applied.getAsLong() >= current.getAsLong())) {
                return State.APPLIED;
            }
            return rejected.equals(current) ? State.REJECTED : State.PENDING;
        }
    }

    private final ConfigurationSource source;
    private final SchedulerClient client;
    private final Clock clock;
    private final Backoff resend;
    private final Map<String, Executor> executors = new TreeMap<>();

    /** @param resend the wait after the n-th send of a version to an executor that has not reported it */
    public ConfigurationDistributor(ConfigurationSource source, SchedulerClient client, Clock clock, Backoff resend) {
        this.source = Objects.requireNonNull(source, "source");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resend = Objects.requireNonNull(resend, "resend");
    }

    /**
     * Learns from a status update of the agent's current executor task (not from stale or duplicate
     * tasks' updates): a running executor's applied and rejected versions; an ended task is forgotten.
     * Sends the current version at once to an executor that reports an older one and was not sent it yet.
     */
    public synchronized void statusUpdate(TaskStatus status) {
        String agent = status.getAgentId().getValue();
        String taskId = status.getTaskId().getValue();
        Executor executor = executors.get(agent);
        if (!TaskStates.live(status.getState())) {
            if (executor != null && executor.taskId.equals(taskId)) {
                executors.remove(agent);
            }
            return;
        }
        if (status.getState() != TaskState.TASK_RUNNING) {
            return;
        }
        if (executor == null || !executor.taskId.equals(taskId)) {
            String executorId = status.hasExecutorId() ? status.getExecutorId().getValue() : ExecutorLaunch.executorId(taskId);
            executor = new Executor(agent, executorId, taskId);
            executors.put(agent, executor);
        }
        Optional<CollectorAssignment> current = source.current();
        learn(executor, status, current);
        if (current.isPresent()) {
            sendIfDue(executor, current.get());
        }
    }

    private void learn(Executor executor, TaskStatus status, Optional<CollectorAssignment> current) {
        OptionalLong applied = AppliedConfiguration.appliedVersion(status);
        if (applied.isPresent() && !applied.equals(executor.applied)) {
            executor.applied = applied;
            long version = applied.getAsLong();
            if (current.isPresent() && version > current.get().version()) {
                // Only if the stored configuration was lost: the executor ignores every version up to its own.
                LOG.warn("Executor on agent {} runs configuration version {}, newer than the scheduler's current version {}; "
                        + "it ignores versions up to its own (was the stored configuration in ZooKeeper lost?)",
                        executor.agentId, version, current.get().version());
            } else {
                LOG.info("Executor on agent {} runs configuration version {}", executor.agentId, version);
            }
        }
        OptionalLong rejected = AppliedConfiguration.rejectedVersion(status);
        if (rejected.isPresent() && !rejected.equals(executor.rejected)) {
            executor.rejected = rejected;
            executor.rejectionReason = Optional.of(status.hasMessage() ? status.getMessage() : "no reason given");
            LOG.warn("Executor on agent {} rejected configuration version {} and keeps running version {}: {}", executor.agentId,
                    rejected.getAsLong(), executor.applied.isPresent() ? Long.toString(executor.applied.getAsLong()) : "?",
                    executor.rejectionReason.get());
        }
    }

    /** Sends the current version where it is new or a re-send is due. Call on a timer ({@link #CHECK_INTERVAL}) and after a change. */
    public synchronized void distribute() {
        Optional<CollectorAssignment> current = source.current();
        if (current.isEmpty()) {
            return;
        }
        for (Executor executor : executors.values()) {
            sendIfDue(executor, current.get());
        }
    }

    private void sendIfDue(Executor executor, CollectorAssignment current) {
        if (executor.state(OptionalLong.of(current.version())) != State.PENDING) {
            return;
        }
        Instant now = clock.instant();
        boolean firstSend = executor.sentVersion != current.version();
        if (!firstSend && now.isBefore(executor.nextSend)) {
            return;
        }
        if (firstSend) {
            executor.sentVersion = current.version();
            executor.sends = 0;
            LOG.info("Sending configuration version {} to the executor on agent {} (it reports {})", current.version(), executor.agentId,
                    executor.applied.isPresent() ? "version " + executor.applied.getAsLong() : "no version yet");
        } else {
            LOG.info("Executor on agent {} has not reported configuration version {} after {} sends; sending it again",
                    executor.agentId, current.version(), executor.sends);
        }
        executor.sends++;
        executor.nextSend = now.plus(resend.delay(executor.sends));
        try {
            client.message(AgentID.newBuilder().setValue(executor.agentId).build(),
                    ExecutorID.newBuilder().setValue(executor.executorId).build(), current.toByteString());
        } catch (MesosException e) {
            LOG.warn("Configuration version {} not sent to the executor on agent {}; retrying at {}: {}", current.version(),
                    executor.agentId, executor.nextSend, e.getMessage());
        }
    }

    /** The agent left the cluster: its executor is forgotten. */
    public synchronized void agentRemoved(String agentId) {
        executors.remove(agentId);
    }

    /** After a teardown: no executors remain. */
    public synchronized void clear() {
        executors.clear();
    }

    public synchronized DistributionStatus status() {
        OptionalLong current = source.current().map(c -> OptionalLong.of(c.version())).orElse(OptionalLong.empty());
        List<ExecutorConfiguration> list = new ArrayList<>();
        for (Executor e : executors.values()) {
            list.add(new ExecutorConfiguration(e.agentId, e.executorId, e.taskId, e.state(current), e.applied, e.rejected,
                    e.rejectionReason, e.sentVersion == current.orElse(-1) ? e.sends : 0));
        }
        return new DistributionStatus(current, list);
    }
}
