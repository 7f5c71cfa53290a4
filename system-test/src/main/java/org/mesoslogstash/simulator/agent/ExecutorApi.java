package org.mesoslogstash.simulator.agent;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.mesoslogstash.simulator.http.HttpAnswers.Rejection;
import org.mesoslogstash.simulator.http.RecordIoStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent does with its executors' calls, on the agent's thread: SUBSCRIBE (SUBSCRIBED, then
 * the tasks that waited for it; re-sent unacknowledged updates are taken in like UPDATEs), UPDATE
 * (stored, ACKNOWLEDGED to the executor at once as Mesos' agent does, relayed to the master; a uuid
 * seen before is only acknowledged again), MESSAGE (relayed to the scheduler).
 */
final class ExecutorApi implements ExecutorEndpoint.Calls {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorApi.class);

    private final SimulatedAgent agent;
    private final Duration heartbeatInterval;
    /** Confined to the agent's thread. */
    private final Set<ByteString> seenUpdates = new HashSet<>();

    ExecutorApi(SimulatedAgent agent, Duration heartbeatInterval) {
        this.agent = agent;
        this.heartbeatInterval = heartbeatInterval;
    }

    @Override
    public ExecutorEndpoint.Subscription subscribe(Call call) {
        return agent.onThreadAndWait(() -> {
            Optional<ExecutorRun> found = lookup(call);
            if (found.isEmpty()) {
                return new ExecutorEndpoint.Subscription(Optional.of(unknown(call)), null);
            }
            ExecutorRun run = found.get();
            if (run.subscription != null) {
                run.subscription.close();
            }
            run.subscription = new RecordIoStream<>(Event.newBuilder().setType(Event.Type.HEARTBEAT).build(), heartbeatInterval);
            run.subscriptions++;
            LOG.info("Agent {}: executor {} subscribed", agent.id().getValue(), run.executor.getExecutorId().getValue());
            run.subscription.send(Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                    .setExecutorInfo(run.executor).setFrameworkInfo(run.framework).setAgentInfo(agent.info()).setContainerId(run.containerId))
                    .build());
            for (Call.Update update : call.getSubscribe().getUnacknowledgedUpdatesList()) {
                receiveUpdate(run, update.getStatus());
            }
            for (TaskInfo task : List.copyOf(run.queued)) {
                agent.deliver(run, task);
            }
            run.queued.clear();
            return new ExecutorEndpoint.Subscription(Optional.empty(), run.subscription);
        });
    }

    @Override
    public Optional<Rejection> call(Call call) {
        return agent.onThreadAndWait(() -> {
            Optional<ExecutorRun> found = lookup(call);
            if (found.isEmpty()) {
                return Optional.of(unknown(call));
            }
            ExecutorRun run = found.get();
            if (!run.subscribed()) {
                return Optional.of(new Rejection(403, "Executor is not subscribed"));
            }
            switch (call.getType()) {
                case UPDATE -> receiveUpdate(run, call.getUpdate().getStatus());
                case MESSAGE -> agent.executorMessage(run, call.getMessage().getData());
                default -> {
                    // HEARTBEAT: nothing to do.
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public void streamEnded(Call call, RecordIoStream<Event> stream) {
        agent.onThread(() -> lookup(call).filter(run -> run.subscription == stream).ifPresent(run -> {
            LOG.info("Agent {}: executor {} disconnected", agent.id().getValue(), run.executor.getExecutorId().getValue());
            run.subscription = null;
        }));
    }

    private Optional<ExecutorRun> lookup(Call call) {
        return agent.executor(call.getFrameworkId(), call.getExecutorId());
    }

    private Rejection unknown(Call call) {
        return new Rejection(400, agent.knowsFramework(call.getFrameworkId()) ? "Executor cannot be found" : "Framework cannot be found");
    }

    private void receiveUpdate(ExecutorRun run, TaskStatus status) {
        TaskStatus stored = status.toBuilder().setAgentId(agent.id()).setExecutorId(run.executor.getExecutorId()).build();
        if (seenUpdates.add(stored.getUuid())) {
            run.launched.put(stored.getTaskId().getValue(), stored.getState());
            agent.relay(run.framework.getId(), stored);
        }
        if (run.subscribed()) {
            run.subscription.send(Event.newBuilder().setType(Event.Type.ACKNOWLEDGED).setAcknowledged(Event.Acknowledged.newBuilder()
                    .setTaskId(stored.getTaskId()).setUuid(stored.getUuid())).build());
        }
    }
}
