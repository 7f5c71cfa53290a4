package org.mesoslogstash.simulator.master;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.mesoslogstash.simulator.http.HttpAnswers.Rejection;
import org.mesoslogstash.simulator.http.RecordIoStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster as the leading Mesos master sees it: frameworks and their subscriptions, agents, offers,
 * tasks. Shared by the master instances (the leader acts on it; after a failover the new leader keeps
 * the cluster, as a Mesos master re-learns it from re-registering agents). All state is guarded by
 * this object's lock; agents are only ever called through {@link AgentLink}, which never blocks.
 */
public final class Master implements MasterLink {

    private static final Logger LOG = LoggerFactory.getLogger(Master.class);
    private static final Duration DEFAULT_REFUSE = Duration.ofSeconds(5);

    /** A new subscription: the stream to pump, or the reason it is refused. */
    public record Subscribed(FrameworkID frameworkId, Framework.Subscription subscription) {
        public String streamId() {
            return subscription.streamId();
        }

        public RecordIoStream<Event> stream() {
            return subscription.stream();
        }
    }

    private record Agent(AgentID id, String hostname, ScalarResources total, List<Attribute> attributes, AgentLink link,
            Map<String, ScalarResources> executors) {
    }

    private final String clusterId = UUID.randomUUID().toString();
    private final InstantSource clock;
    private final Duration heartbeatInterval;
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, Framework> frameworks = new LinkedHashMap<>();
    private final Set<String> removedFrameworks = new HashSet<>();
    private final OfferBook offers = new OfferBook(clusterId);
    private final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
    private long frameworkCounter;

    public Master(InstantSource clock, Duration heartbeatInterval) {
        this.clock = clock;
        this.heartbeatInterval = heartbeatInterval;
    }

    // ---- agents ----

    public synchronized void addAgent(AgentID id, String hostname, ScalarResources total, List<Attribute> attributes, AgentLink link) {
        agents.put(id.getValue(), new Agent(id, hostname, total, attributes, link, new HashMap<>()));
        LOG.info("Agent {} ({}) registered with {}", id.getValue(), hostname, total);
    }

    /**
     * The agent is gone (failed health checks): its offers are rescinded, its tasks become TASK_LOST
     * (TASK_UNREACHABLE for partition-aware frameworks), and every framework hears of the failure.
     */
    public synchronized void removeAgent(AgentID id) {
        Agent agent = agents.remove(id.getValue());
        if (agent == null) {
            return;
        }
        LOG.info("Agent {} removed", id.getValue());
        offers.removeIf(o -> o.agentId().equals(id.getValue())).forEach(this::rescind);
        Instant now = clock.instant();
        for (TaskRecord task : List.copyOf(tasks.values())) {
            if (!task.agentId.equals(id) || task.terminal()) {
                continue;
            }
            Framework framework = frameworks.get(task.frameworkId.getValue());
            boolean partitionAware = framework != null && framework.partitionAware();
            TaskStatus status = StatusUpdates.fromMaster(task.task.getTaskId(), id,
                    partitionAware ? org.apache.mesos.v1.Protos.TaskState.TASK_UNREACHABLE : org.apache.mesos.v1.Protos.TaskState.TASK_LOST,
                    TaskStatus.Reason.REASON_AGENT_REMOVED, "Agent " + agent.hostname() + " removed: health check timed out", now);
            TaskStatus.Builder detailed = status.toBuilder();
            if (task.task.hasExecutor()) {
                detailed.setExecutorId(task.task.getExecutor().getExecutorId());
            }
            if (partitionAware) {
                detailed.setUnreachableTime(org.apache.mesos.v1.Protos.TimeInfo.newBuilder().setNanoseconds(now.toEpochMilli() * 1_000_000));
            }
            status = detailed.build();
            task.latest = status;
            if (!partitionAware) {
                tasks.remove(task.key());
            }
            if (framework != null) {
                framework.send(StatusUpdates.event(status));
            }
        }
        Event failure = Event.newBuilder().setType(Event.Type.FAILURE).setFailure(Event.Failure.newBuilder().setAgentId(id)).build();
        frameworks.values().forEach(f -> f.send(failure));
    }

    // ---- subscriptions ----

    /** SUBSCRIBE, after the HTTP checks: the framework's stream, with SUBSCRIBED (or an ERROR) queued on it. */
    public synchronized Subscribed subscribe(Call.Subscribe subscribe, MasterInfo masterInfo) {
        var info = subscribe.getFrameworkInfo();
        var stream = new RecordIoStream<>(Event.newBuilder().setType(Event.Type.HEARTBEAT).build(), heartbeatInterval);
        var subscription = new Framework.Subscription(UUID.randomUUID().toString(), stream);
        if (info.hasId() && removedFrameworks.contains(info.getId().getValue())) {
            stream.send(Event.newBuilder().setType(Event.Type.ERROR)
                    .setError(Event.Error.newBuilder().setMessage("Framework has been removed")).build());
            stream.close();
            return new Subscribed(info.getId(), subscription);
        }
        FrameworkID id = info.hasId() ? info.getId()
                : FrameworkID.newBuilder().setValue(clusterId + "-" + String.format("%04d", frameworkCounter++)).build();
        Framework framework = frameworks.get(id.getValue());
        if (framework == null) {
            framework = new Framework(id, info.toBuilder().setId(id).build());
            frameworks.put(id.getValue(), framework);
            LOG.info("Framework {} ({}) subscribed", id.getValue(), info.getName());
        } else {
            LOG.info("Framework {} ({}) re-subscribed", id.getValue(), info.getName());
            framework.info = info.toBuilder().setId(id).build();
            if (framework.subscription != null) {
                framework.send(Event.newBuilder().setType(Event.Type.ERROR)
                        .setError(Event.Error.newBuilder().setMessage("Framework failed over")).build());
                framework.subscription.stream().close();
            }
            dropOffers(framework, false);
        }
        framework.subscription = subscription;
        framework.disconnectedAt = null;
        stream.send(Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                .setFrameworkId(id).setHeartbeatIntervalSeconds(heartbeatInterval.toMillis() / 1000.0).setMasterInfo(masterInfo))
                .build());
        return new Subscribed(id, subscription);
    }

    /** The stream's connection ended: the framework is disconnected and its failover timeout starts. */
    public synchronized void streamEnded(FrameworkID id, String streamId) {
        Framework framework = frameworks.get(id.getValue());
        if (framework == null || framework.subscription == null || !framework.subscription.streamId().equals(streamId)) {
            return;
        }
        LOG.info("Framework {} disconnected; failover timeout {}", id.getValue(), framework.failoverTimeout());
        framework.subscription = null;
        framework.disconnectedAt = clock.instant();
        dropOffers(framework, false);
    }

    /** A leader change: every scheduler's stream ends, outstanding offers are void. */
    public synchronized void failover() {
        offers.clear();
        for (Framework framework : frameworks.values()) {
            if (framework.subscription != null) {
                framework.subscription.stream().close();
                framework.subscription = null;
                framework.disconnectedAt = clock.instant();
            }
        }
    }

    /** Removes the frameworks whose scheduler stayed away longer than their failover timeout. */
    public synchronized void expireDisconnected() {
        Instant now = clock.instant();
        for (Framework framework : List.copyOf(frameworks.values())) {
            if (framework.disconnectedAt != null && !now.isBefore(framework.disconnectedAt.plus(framework.failoverTimeout()))) {
                LOG.info("Framework {} did not re-subscribe within its failover timeout {}: removing it",
                        framework.id.getValue(), framework.failoverTimeout());
                removeFramework(framework);
            }
        }
    }

    // ---- calls ----

    /** A call other than SUBSCRIBE, after the HTTP checks and validation: a refusal, or empty when accepted (202). */
    public synchronized Optional<Rejection> call(Call call, String streamId) {
        Framework framework = frameworks.get(call.getFrameworkId().getValue());
        if (framework == null) {
            return Optional.of(new Rejection(400, "Framework cannot be found"));
        }
        if (!framework.connected()) {
            return Optional.of(new Rejection(403, "Framework is not subscribed"));
        }
        if (streamId == null) {
            return Optional.of(new Rejection(400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header"));
        }
        if (!streamId.equals(framework.subscription.streamId())) {
            return Optional.of(new Rejection(400, "The stream ID '" + streamId + "' included in this request didn't match the"
                    + " stream ID currently associated with framework ID " + framework.id.getValue()));
        }
        switch (call.getType()) {
            case ACCEPT -> new Launches(this, framework).accept(call.getAccept());
            case DECLINE -> decline(framework, call.getDecline());
            case KILL -> kill(framework, call.getKill());
            case SHUTDOWN -> withAgent(call.getShutdown().getAgentId(),
                    a -> a.link().shutdownExecutor(framework.id, call.getShutdown().getExecutorId()));
            case ACKNOWLEDGE -> acknowledge(framework, call.getAcknowledge());
            case RECONCILE -> reconcile(framework, call.getReconcile());
            case MESSAGE -> withAgent(call.getMessage().getAgentId(),
                    a -> a.link().message(framework.id, call.getMessage().getExecutorId(), call.getMessage().getData()));
            case REVIVE -> {
                framework.suppressed = false;
                framework.filters.clear();
            }
            case SUPPRESS -> framework.suppressed = true;
            case TEARDOWN -> removeFramework(framework);
            default -> LOG.warn("Framework {}: {} calls are accepted and ignored by the simulator", framework.id.getValue(), call.getType());
        }
        return Optional.empty();
    }

    private void withAgent(AgentID id, java.util.function.Consumer<Agent> action) {
        Agent agent = agents.get(id.getValue());
        if (agent == null) {
            LOG.warn("Call for unknown agent {} dropped", id.getValue());
            return;
        }
        action.accept(agent);
    }

    private void decline(Framework framework, Call.Decline decline) {
        for (OfferID offerId : decline.getOfferIdsList()) {
            offers.take(offerId, framework.id).ifPresentOrElse(
                    offer -> refuse(framework, offer.agentId(), offer.resources(), decline.getFilters()),
                    () -> LOG.warn("Framework {} declined unknown offer {}", framework.id.getValue(), offerId.getValue()));
        }
    }

    void refuse(Framework framework, String agentId, ScalarResources resources, org.apache.mesos.v1.Protos.Filters filters) {
        if (resources.isEmpty()) {
            return;
        }
        Duration refuse = filters.hasRefuseSeconds() && filters.getRefuseSeconds() >= 0
                ? Duration.ofMillis((long) (filters.getRefuseSeconds() * 1000)) : DEFAULT_REFUSE;
        framework.filters.put(agentId, new Framework.Filter(resources, clock.instant().plus(refuse)));
    }

    private void kill(Framework framework, Call.Kill kill) {
        TaskRecord task = tasks.get(TaskRecord.key(framework.id, kill.getTaskId().getValue()));
        if (task == null || task.terminal()) {
            reconcile(framework, Call.Reconcile.newBuilder().addTasks(Call.Reconcile.Task.newBuilder().setTaskId(kill.getTaskId())
                    .setAgentId(kill.hasAgentId() ? kill.getAgentId() : AgentID.newBuilder().setValue("").build())).build());
            return;
        }
        withAgent(task.agentId, a -> a.link().kill(framework.id, task.task.getTaskId()));
    }

    private void acknowledge(Framework framework, Call.Acknowledge ack) {
        String key = TaskRecord.key(framework.id, ack.getTaskId().getValue());
        TaskRecord task = tasks.get(key);
        withAgent(ack.getAgentId(), a -> a.link().acknowledge(framework.id, ack.getTaskId(), ack.getUuid()));
        if (task != null && task.terminal() && task.latest.getUuid().equals(ack.getUuid())) {
            tasks.remove(key);
        }
    }

    private void reconcile(Framework framework, Call.Reconcile reconcile) {
        Reconciliation.answer(reconcile.getTasksList(), framework.id, framework.partitionAware(), tasks, agents::containsKey, clock.instant())
                .forEach(status -> framework.send(StatusUpdates.event(status)));
    }

    private void removeFramework(Framework framework) {
        LOG.info("Framework {} removed; its tasks and executors are shut down", framework.id.getValue());
        frameworks.remove(framework.id.getValue());
        removedFrameworks.add(framework.id.getValue());
        dropOffers(framework, false);
        tasks.values().removeIf(t -> t.frameworkId.equals(framework.id));
        for (Agent agent : agents.values()) {
            agent.executors().keySet().removeIf(key -> key.startsWith(framework.id.getValue() + "/"));
            agent.link().shutdownFramework(framework.id);
        }
        if (framework.subscription != null) {
            framework.subscription.stream().close();
            framework.subscription = null;
        }
    }

    // ---- offers ----

    /** One allocation round: each agent's unused, unfiltered resources offered to one connected framework. */
    public synchronized void allocate() {
        Instant now = clock.instant();
        Map<String, ScalarResources> used = new HashMap<>();
        for (TaskRecord task : tasks.values()) {
            if (!task.terminal()) {
                used.merge(task.agentId.getValue(), ScalarResources.of(task.task.getResourcesList()), ScalarResources::plus);
            }
        }
        Map<String, ScalarResources> available = new HashMap<>();
        for (Agent agent : agents.values()) {
            ScalarResources inUse = agent.executors().values().stream().reduce(used.getOrDefault(agent.id().getValue(), ScalarResources.NONE),
                    ScalarResources::plus);
            available.put(agent.id().getValue(), agent.total().minus(inUse));
        }
        offers.offeredByAgent().forEach((id, offered) -> available.computeIfPresent(id, (agent, free) -> free.minus(offered)));
        for (Framework framework : frameworks.values()) {
            if (!framework.connected() || framework.suppressed) {
                continue;
            }
            List<Offer> made = new ArrayList<>();
            for (Agent agent : agents.values()) {
                ScalarResources free = available.get(agent.id().getValue());
                if (free.isEmpty() || framework.filtered(agent.id().getValue(), free, now)) {
                    continue;
                }
                Offer offer = offers.make(framework.id, framework.role(), agent.id(), agent.hostname(), free, agent.attributes());
                available.put(agent.id().getValue(), ScalarResources.NONE);
                made.add(offer);
            }
            if (!made.isEmpty()) {
                framework.send(Event.newBuilder().setType(Event.Type.OFFERS).setOffers(Event.Offers.newBuilder().addAllOffers(made)).build());
            }
        }
    }

    private void dropOffers(Framework framework, boolean rescind) {
        List<OfferBook.Outstanding> dropped = offers.removeIf(o -> o.frameworkId().equals(framework.id));
        if (rescind) {
            dropped.forEach(this::rescind);
        }
    }

    private void rescind(OfferBook.Outstanding offer) {
        Framework framework = frameworks.get(offer.frameworkId().getValue());
        if (framework != null) {
            framework.send(Event.newBuilder().setType(Event.Type.RESCIND)
                    .setRescind(Event.Rescind.newBuilder().setOfferId(offer.offer().getId())).build());
        }
    }

    /** Rescinds every outstanding offer of this agent (for instance before a test changes it). */
    public synchronized void rescindOffers(AgentID agentId) {
        offers.removeIf(o -> o.agentId().equals(agentId.getValue())).forEach(this::rescind);
    }

    // ---- for Launches ----

    OfferBook offers() {
        return offers;
    }

    Set<String> liveTaskIds(Framework framework) {
        Set<String> ids = new HashSet<>();
        tasks.values().stream().filter(t -> t.frameworkId.equals(framework.id) && !t.terminal())
                .forEach(t -> ids.add(t.task.getTaskId().getValue()));
        return ids;
    }

    boolean executorRunning(String agentId, FrameworkID frameworkId, ExecutorID executorId) {
        Agent agent = agents.get(agentId);
        return agent != null && agent.executors().containsKey(frameworkId.getValue() + "/" + executorId.getValue());
    }

    /** Records a validated task as STAGING (and its executor, if new) and sends it to the agent. */
    void launch(Framework framework, String agentId, org.apache.mesos.v1.Protos.TaskInfo task) {
        Agent agent = agents.get(agentId);
        if (task.hasExecutor()) {
            agent.executors().putIfAbsent(framework.id.getValue() + "/" + task.getExecutor().getExecutorId().getValue(),
                    ScalarResources.of(task.getExecutor().getResourcesList()));
        }
        TaskStatus staging = TaskStatus.newBuilder().setTaskId(task.getTaskId()).setAgentId(agent.id())
                .setState(org.apache.mesos.v1.Protos.TaskState.TASK_STAGING).setSource(TaskStatus.Source.SOURCE_MASTER)
                .setTimestamp(clock.instant().toEpochMilli() / 1000.0).build();
        TaskRecord record = new TaskRecord(framework.id, agent.id(), task, staging);
        tasks.put(record.key(), record);
        agent.link().launch(framework.info, task);
    }

    Instant now() {
        return clock.instant();
    }

    // ---- from agents ----

    @Override
    public synchronized void statusUpdate(AgentID agentId, FrameworkID frameworkId, TaskStatus status) {
        TaskRecord task = tasks.get(TaskRecord.key(frameworkId, status.getTaskId().getValue()));
        if (task != null) {
            task.latest = status;
        }
        Framework framework = frameworks.get(frameworkId.getValue());
        if (framework != null && framework.connected()) {
            framework.send(StatusUpdates.event(status));
        }
    }

    @Override
    public synchronized void executorMessage(AgentID agentId, FrameworkID frameworkId, ExecutorID executorId, ByteString data) {
        Framework framework = frameworks.get(frameworkId.getValue());
        if (framework != null) {
            framework.send(Event.newBuilder().setType(Event.Type.MESSAGE).setMessage(Event.Message.newBuilder()
                    .setAgentId(agentId).setExecutorId(executorId).setData(data)).build());
        }
    }

    @Override
    public synchronized void executorTerminated(AgentID agentId, FrameworkID frameworkId, ExecutorID executorId, java.util.OptionalInt waitStatus) {
        Agent agent = agents.get(agentId.getValue());
        if (agent != null) {
            agent.executors().remove(frameworkId.getValue() + "/" + executorId.getValue());
        }
        Framework framework = frameworks.get(frameworkId.getValue());
        if (framework != null) {
            Event.Failure.Builder failure = Event.Failure.newBuilder().setAgentId(agentId).setExecutorId(executorId);
            waitStatus.ifPresent(failure::setStatus);
            framework.send(Event.newBuilder().setType(Event.Type.FAILURE).setFailure(failure).build());
        }
    }

    /** For tests and the benchmark: the latest status of each task the master knows. */
    public synchronized List<TaskStatus> taskStatuses() {
        return tasks.values().stream().map(t -> t.latest).toList();
    }

    public synchronized Optional<FrameworkID> frameworkId(String name) {
        return frameworks.values().stream().filter(f -> f.info.getName().equals(name)).map(f -> f.id).findFirst();
    }

    public synchronized boolean isConnected(FrameworkID id) {
        Framework framework = frameworks.get(id.getValue());
        return framework != null && framework.connected();
    }

    public synchronized boolean isRemoved(FrameworkID id) {
        return removedFrameworks.contains(id.getValue());
    }
}
