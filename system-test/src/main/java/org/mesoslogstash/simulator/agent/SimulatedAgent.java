package org.mesoslogstash.simulator.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Event;
import org.mesoslogstash.simulator.AgentSpec;
import org.mesoslogstash.simulator.SimulatorConfig;
import org.mesoslogstash.simulator.master.AgentLink;
import org.mesoslogstash.simulator.master.MasterLink;
import org.mesoslogstash.simulator.master.ScalarResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Mesos agent: launches executors as real processes with the environment and sandbox an agent gives
 * them, serves their {@code /api/v1/executor} on a port of its own, relays status updates to the
 * master reliably (see {@link StatusUpdateQueues}) and framework messages both ways. It can restart
 * (executors keep running and must re-subscribe) and be lost. All its state is confined to one thread
 * of its own; the master's requests and executors' calls are queued to it.
 */
public final class SimulatedAgent implements AgentLink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedAgent.class);

    /**
     * What a test can see of an executor on this agent; {@code container} is the Docker container's name
     * for an executor with a DOCKER ContainerInfo (its {@code process} is then the {@code docker run} client).
     */
    public record ExecutorView(FrameworkID frameworkId, ExecutorID executorId, Path sandbox, ProcessHandle process,
            boolean subscribed, int subscriptions, Optional<String> container) {
    }

    private final AgentInfo info;
    private final Path workDir;
    private final SimulatorConfig config;
    private final MasterLink master;
    private final InstantSource clock;
    private final ScheduledExecutorService timer;
    private final ExecutorService thread;
    private final ExecutorEndpoint endpoint;
    private final int port;
    private final Map<String, ExecutorRun> executors = new LinkedHashMap<>();
    private final Map<String, Integer> messagesToDrop = new HashMap<>();
    private final StatusUpdateQueues updates;
    private final ScheduledFuture<?> retries;
    private boolean down;
    private boolean removed;

    public SimulatedAgent(AgentSpec spec, SimulatorConfig config, MasterLink master, InstantSource clock, ScheduledExecutorService timer)
            throws IOException {
        this.config = config;
        this.master = master;
        this.clock = clock;
        this.timer = timer;
        this.workDir = config.workDir().resolve("slaves").resolve(spec.id());
        this.thread = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("agent-" + spec.id()).factory());
        this.endpoint = new ExecutorEndpoint(new ExecutorApi(this, config.heartbeatInterval()));
        this.port = endpoint.listen(0);
        this.info = AgentInfo.newBuilder().setId(AgentID.newBuilder().setValue(spec.id())).setHostname(spec.hostname()).setPort(port)
                .addAllResources(resources(spec).toProtos("*").stream().map(r -> r.toBuilder().clearAllocationInfo().build()).toList())
                .addAllAttributes(attributes(spec)).build();
        AgentID id = info.getId();
        this.updates = new StatusUpdateQueues((framework, status) -> master.statusUpdate(id, framework, status), config.statusUpdateRetry());
        long period = Math.max(10, config.statusUpdateRetry().toMillis() / 4);
        this.retries = timer.scheduleWithFixedDelay(() -> {
            if (updates.anyWaiting()) {
                onThread(() -> {
                    if (!down) {
                        updates.retry(clock.instant(), false);
                    }
                });
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    public AgentInfo info() {
        return info;
    }

    public AgentID id() {
        return info.getId();
    }

    public int port() {
        return port;
    }

    public static ScalarResources resources(AgentSpec spec) {
        return new ScalarResources(Map.of("cpus", spec.cpus(), "mem", spec.mem(), "disk", spec.disk()));
    }

    /** Attributes as Mesos parses {@code --attributes}: numbers are SCALAR, anything else TEXT. */
    public static List<Attribute> attributes(AgentSpec spec) {
        return spec.attributes().entrySet().stream().map(e -> {
            Attribute.Builder attribute = Attribute.newBuilder().setName(e.getKey());
            try {
                double value = Double.parseDouble(e.getValue());
                attribute.setType(org.apache.mesos.v1.Protos.Value.Type.SCALAR)
                        .setScalar(org.apache.mesos.v1.Protos.Value.Scalar.newBuilder().setValue(value));
            } catch (NumberFormatException text) {
                attribute.setType(org.apache.mesos.v1.Protos.Value.Type.TEXT)
                        .setText(org.apache.mesos.v1.Protos.Value.Text.newBuilder().setValue(e.getValue()));
            }
            return attribute.build();
        }).toList();
    }

    // ---- from the master ----

    @Override
    public void launch(FrameworkInfo framework, TaskInfo task) {
        onThread(() -> ExecutorLaunch.launch(this, framework, task));
    }

    @Override
    public void kill(FrameworkID frameworkId, TaskID taskId) {
        onThread(() -> {
            ExecutorRun run = executors.values().stream().filter(r -> r.framework.getId().equals(frameworkId) && r.hasTask(taskId.getValue()))
                    .findFirst().orElse(null);
            if (run == null) {
                LOG.warn("Agent {}: asked to kill unknown task {}", id().getValue(), taskId.getValue());
                return;
            }
            run.killRequested.add(taskId.getValue());
            if (run.queued.removeIf(t -> t.getTaskId().equals(taskId))) {
                agentUpdate(run, taskId, TaskState.TASK_KILLED, TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH,
                        "Task killed before delivery to the executor");
            } else if (run.subscribed()) {
                run.subscription.send(Event.newBuilder().setType(Event.Type.KILL)
                        .setKill(Event.Kill.newBuilder().setTaskId(taskId)).build());
            }
        });
    }

    @Override
    public void shutdownExecutor(FrameworkID frameworkId, ExecutorID executorId) {
        onThread(() -> {
            ExecutorRun run = executors.get(ExecutorRun.key(frameworkId.getValue(), executorId.getValue()));
            if (run != null) {
                shutdown(run);
            }
        });
    }

    @Override
    public void message(FrameworkID frameworkId, ExecutorID executorId, ByteString data) {
        onThread(() -> {
            ExecutorRun run = executors.get(ExecutorRun.key(frameworkId.getValue(), executorId.getValue()));
            if (run == null || !run.subscribed()) {
                LOG.warn("Agent {}: framework message for executor {} dropped: not subscribed", id().getValue(), executorId.getValue());
                return;
            }
            int drop = messagesToDrop.getOrDefault(executorId.getValue(), 0);
            if (drop > 0) {
                messagesToDrop.put(executorId.getValue(), drop - 1);
                LOG.info("Agent {}: framework message for executor {} dropped (fault injected)", id().getValue(), executorId.getValue());
                return;
            }
            run.subscription.send(Event.newBuilder().setType(Event.Type.MESSAGE).setMessage(Event.Message.newBuilder().setData(data)).build());
        });
    }

    @Override
    public void acknowledge(FrameworkID frameworkId, TaskID taskId, ByteString uuid) {
        onThread(() -> {
            if (!updates.acknowledge(frameworkId, taskId.getValue(), uuid, clock.instant(), !down)) {
                LOG.warn("Agent {}: acknowledgement of task {} for an update not in flight ignored", id().getValue(), taskId.getValue());
            }
        });
    }

    @Override
    public void shutdownFramework(FrameworkID frameworkId) {
        onThread(() -> {
            updates.dropFramework(frameworkId);
            executors.values().stream().filter(r -> r.framework.getId().equals(frameworkId)).toList().forEach(this::shutdown);
        });
    }

    // ---- for the executor API ----

    Optional<ExecutorRun> executor(FrameworkID frameworkId, ExecutorID executorId) {
        return Optional.ofNullable(executors.get(ExecutorRun.key(frameworkId.getValue(), executorId.getValue())));
    }

    boolean knowsFramework(FrameworkID frameworkId) {
        return executors.values().stream().anyMatch(r -> r.framework.getId().equals(frameworkId));
    }

    /** Hands an update to the status update manager, which relays it to the master until acknowledged. */
    void relay(FrameworkID frameworkId, TaskStatus status) {
        updates.add(frameworkId, status, clock.instant(), !down);
    }

    void executorMessage(ExecutorRun run, ByteString data) {
        master.executorMessage(id(), run.framework.getId(), run.executor.getExecutorId(), data);
    }

    // ---- executors' lives (on the agent's thread) ----

    Path sandboxFor(FrameworkInfo framework, ExecutorID executorId, ContainerID containerId) {
        return workDir.resolve("frameworks").resolve(framework.getId().getValue()).resolve("executors")
                .resolve(executorId.getValue()).resolve("runs").resolve(containerId.getValue());
    }

    Optional<org.mesoslogstash.simulator.executor.InProcessExecutors> inProcessExecutors() {
        return config.inProcessExecutors();
    }

    org.mesoslogstash.simulator.DockerSettings docker() {
        return config.docker();
    }

    ExecutorEnvironmentVariables.AgentSettings settings() {
        return new ExecutorEnvironmentVariables.AgentSettings(id(), port, config.recoveryTimeout(), config.subscriptionBackoffMax(),
                config.executorShutdownGracePeriod());
    }

    void started(ExecutorRun run) {
        executors.put(run.key(), run);
        run.process.onExit().thenRun(() -> onThread(() -> exited(run)));
        Duration timeout = config.executorRegistrationTimeout();
        timer.schedule(() -> onThread(() -> {
            if (!run.terminated && run.subscriptions == 0) {
                run.terminateWith(TaskState.TASK_FAILED, TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT,
                        "Executor did not register within " + ExecutorEnvironmentVariables.mesosDuration(timeout));
                destroy(run);
            }
        }), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends the task to the executor now if it is subscribed, else when it subscribes. */
    void deliver(ExecutorRun run, TaskInfo task) {
        if (run.subscribed()) {
            run.launched.put(task.getTaskId().getValue(), TaskState.TASK_STAGING);
            run.subscription.send(Event.newBuilder().setType(Event.Type.LAUNCH).setLaunch(Event.Launch.newBuilder().setTask(task)).build());
        } else {
            run.queued.add(task);
        }
    }

    /** A status update the agent itself makes (uuid, source AGENT), relayed like an executor's. */
    void agentUpdate(FrameworkID frameworkId, ExecutorID executorId, TaskID taskId, TaskState state, TaskStatus.Reason reason, String message) {
        TaskStatus status = TaskStatus.newBuilder().setTaskId(taskId).setState(state).setSource(TaskStatus.Source.SOURCE_AGENT)
                .setReason(reason).setMessage(message).setAgentId(id()).setExecutorId(executorId)
                .setUuid(uuid()).setTimestamp(clock.instant().toEpochMilli() / 1000.0).build();
        updates.add(frameworkId, status, clock.instant(), !down);
    }

    private void agentUpdate(ExecutorRun run, TaskID taskId, TaskState state, TaskStatus.Reason reason, String message) {
        agentUpdate(run.framework.getId(), run.executor.getExecutorId(), taskId, state, reason, message);
    }

    void executorFailedToStart(FrameworkInfo framework, ExecutorID executorId) {
        master.executorTerminated(id(), framework.getId(), executorId, OptionalInt.empty());
    }

    private void exited(ExecutorRun run) {
        if (removed || run.terminated) {
            return;
        }
        run.terminated = true;
        executors.remove(run.key());
        if (run.subscription != null) {
            run.subscription.close();
        }
        int exit = run.process.exitValue();
        int waitStatus = exit > 128 ? exit - 128 : exit << 8;
        LOG.info("Agent {}: executor {} exited with {}", id().getValue(), run.executor.getExecutorId().getValue(), exit);
        for (TaskInfo task : run.queued) {
            agentUpdate(run, task.getTaskId(), run.terminationState, run.terminationReason, run.terminationMessage);
        }
        run.launched.forEach((taskId, state) -> {
            if (!terminal(state)) {
                TaskState end = run.killRequested.contains(taskId) ? TaskState.TASK_KILLED : run.terminationState;
                agentUpdate(run, TaskID.newBuilder().setValue(taskId).build(), end, run.terminationReason, run.terminationMessage);
            }
        });
        master.executorTerminated(id(), run.framework.getId(), run.executor.getExecutorId(), OptionalInt.of(waitStatus));
    }

    private static boolean terminal(TaskState state) {
        return switch (state) {
            case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE, TASK_GONE_BY_OPERATOR -> true;
            default -> false;
        };
    }

    private void shutdown(ExecutorRun run) {
        if (run.subscribed()) {
            run.subscription.send(Event.newBuilder().setType(Event.Type.SHUTDOWN).build());
            timer.schedule(() -> onThread(() -> destroy(run)), config.executorShutdownGracePeriod().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            destroy(run);
        }
    }

    private static void destroy(ExecutorRun run) {
        if (!run.terminated) {
            run.process.descendants().forEach(ProcessHandle::destroyForcibly);
            run.process.destroyForcibly();
        }
    }

    private static ByteString uuid() {
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return ByteString.copyFrom(bytes.array());
    }

    // ---- faults ----

    /** kill -9 of the executor's process (and its children). */
    public void crashExecutor(ExecutorID executorId) {
        onThreadAndWait(() -> {
            executors.values().stream().filter(r -> r.executor.getExecutorId().equals(executorId)).forEach(SimulatedAgent::destroy);
            return null;
        });
    }

    /** The next {@code count} framework messages for this executor are dropped. */
    public void dropMessagesTo(ExecutorID executorId, int count) {
        onThreadAndWait(() -> messagesToDrop.merge(executorId.getValue(), count, Integer::sum));
    }

    /** How many of the messages {@link #dropMessagesTo} asked to drop for this executor have not come yet. */
    public int messagesStillToDrop(ExecutorID executorId) {
        return onThreadAndWait(() -> messagesToDrop.getOrDefault(executorId.getValue(), 0));
    }

    /**
     * The agent process restarts: executor connections drop and are refused for {@code downtime}, then
     * it listens again on its port. Executors of frameworks that checkpoint keep running and must
     * re-subscribe within the re-registration timeout, or are killed; the others are killed at once.
     */
    public void restart(Duration downtime) {
        onThreadAndWait(() -> {
            LOG.info("Agent {}: restarting; down for {}", id().getValue(), downtime);
            down = true;
            endpoint.stop();
            for (ExecutorRun run : executors.values()) {
                if (run.subscription != null) {
                    run.subscription.close();
                }
                if (!run.framework.getCheckpoint()) {
                    run.terminateWith(TaskState.TASK_LOST, TaskStatus.Reason.REASON_AGENT_RESTARTED,
                            "Agent restarted; executors of frameworks that do not checkpoint are not recovered");
                    destroy(run);
                }
            }
            timer.schedule(() -> onThread(this::recover), downtime.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        });
    }

    private void recover() {
        if (removed) {
            return;
        }
        try {
            endpoint.listen(port);
        } catch (IOException e) {
            throw new UncheckedIOException("agent " + id().getValue() + " could not listen again on port " + port, e);
        }
        down = false;
        LOG.info("Agent {}: back; executors have {} to re-subscribe", id().getValue(), config.executorReregistrationTimeout());
        updates.retry(clock.instant(), true);
        timer.schedule(() -> onThread(() -> executors.values().stream().filter(r -> !r.subscribed()).toList().forEach(run -> {
            run.terminateWith(TaskState.TASK_FAILED, TaskStatus.Reason.REASON_EXECUTOR_REREGISTRATION_TIMEOUT,
                    "Executor did not re-register within " + config.executorReregistrationTimeout());
            destroy(run);
        })), config.executorReregistrationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The agent is gone for good: its executors are killed, nothing more is reported. */
    public void lose() {
        onThreadAndWait(() -> {
            removed = true;
            down = true;
            endpoint.stop();
            executors.values().forEach(SimulatedAgent::destroy);
            executors.clear();
            return null;
        });
    }

    public List<ExecutorView> executors() {
        return onThreadAndWait(() -> executors.values().stream().map(r -> new ExecutorView(r.framework.getId(), r.executor.getExecutorId(),
                r.sandbox, r.process.toHandle(), r.subscribed(), r.subscriptions,
                r.process instanceof DockerContainerProcess c ? Optional.of(c.containerName()) : Optional.<String>empty())).toList());
    }

    public int pendingStatusUpdates() {
        return onThreadAndWait(updates::pending);
    }

    @Override
    public void close() {
        lose();
        retries.cancel(false);
        thread.shutdown();
    }

    // ---- the agent's thread ----

    void onThread(Runnable action) {
        try {
            thread.execute(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("Agent {}: failure on the agent's thread", id().getValue(), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed: what was queued to a closed agent is lost, as with a dead agent.
        }
    }

    <T> T onThreadAndWait(Supplier<T> action) {
        return CompletableFuture.supplyAsync(action, thread).join();
    }
}
