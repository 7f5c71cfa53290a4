package org.mesoslogstash.mesos.executor;

import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.mesoslogstash.mesos.http.EventStream;
import org.mesoslogstash.mesos.http.MesosCallException;
import org.mesoslogstash.mesos.http.MesosConnectionException;
import org.mesoslogstash.mesos.http.MesosException;
import org.mesoslogstash.mesos.http.NotSubscribedException;
import org.mesoslogstash.mesos.http.SubscriptionThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ExecutorClient} over the Mesos v1 executor HTTP API with the JDK HTTP client; no native code.
 *
 * <p>One event thread owns the subscription: it subscribes, delivers events to the listener in order,
 * and notices when the stream ends or breaks (the agent restarting, typically). With checkpointing it
 * then subscribes again, waiting per the backoff rule but never longer than the agent's
 * {@code MESOS_SUBSCRIPTION_BACKOFF_MAX}, until the recovery timeout has passed since the
 * disconnection; without, or after that, it tells the listener {@code agentLost}, as Mesos' own
 * executor library does. A SUBSCRIBE the agent refuses as wrong (4xx other than 404, which an agent
 * still starting answers) is final too. Calls are separate POSTs sent from the caller's thread.
 *
 * <p>Unacknowledged updates and tasks live in two maps behind one lock, written by {@link #update}
 * (any thread) and by the event thread (LAUNCH adds a task, ACKNOWLEDGED removes an update and its task).
 */
public final class HttpExecutorClient implements ExecutorClient {

    private static final Logger LOG = LoggerFactory.getLogger(HttpExecutorClient.class);

    private sealed interface Signal {
    }

    private record Received(long generation, Event event) implements Signal {
    }

    private record Ended(long generation, String reason) implements Signal {
    }

    private record Stop() implements Signal {
    }

    private static final Stop STOP = new Stop();

    /** How one subscription attempt ended; {@code fatal} when trying again cannot help. */
    private record Outcome(boolean subscribed, boolean fatal, String reason) {
    }

    private final ExecutorEnvironment environment;
    private final ExecutorHttp http;
    private final ExecutorClientConfig config;
    private final InstantSource clock;
    private final ThreadFactory threadFactory;
    private final SubscriptionThread<Signal> thread = new SubscriptionThread<>("Executor client", STOP);
    private final AtomicBoolean started = new AtomicBoolean();

    private final Object lock = new Object();
    // Guarded by lock; insertion order is the order to re-send in.
    private final Map<ByteString, TaskStatus> unacknowledgedUpdates = new LinkedHashMap<>();
    private final Map<TaskID, TaskInfo> unacknowledgedTasks = new LinkedHashMap<>();

    private volatile boolean subscribed;

    // Confined to the event thread.
    private ExecutorListener listener;
    private long generation;

    public HttpExecutorClient(ExecutorEnvironment environment, HttpClient http, ExecutorClientConfig config,
            InstantSource clock, ThreadFactory threadFactory) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.config = Objects.requireNonNull(config, "config");
        this.http = new ExecutorHttp(Objects.requireNonNull(http, "http"), environment.endpoint(),
                environment.authenticationToken(), config.requestTimeout());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
    }

    @Override
    public void start(ExecutorListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the executor client was already started");
        }
        this.listener = listener;
        thread.start(threadFactory, this::run);
    }

    @Override
    public TaskStatus update(TaskStatus status) {
        if (!status.hasTaskId() || !status.hasState()) {
            throw new IllegalArgumentException("a status update needs a task id and a state: " + status);
        }
        if (status.getState() == TaskState.TASK_STAGING) {
            throw new IllegalArgumentException("Mesos refuses TASK_STAGING from an executor (task " + status.getTaskId().getValue() + ")");
        }
        ByteString uuid = uuid();
        TaskStatus complete = status.toBuilder()
                .setUuid(uuid)
                .setExecutorId(environment.executorId())
                .setSource(TaskStatus.Source.SOURCE_EXECUTOR)
                .setTimestamp(clock.millis() / 1000.0)
                .build();
        synchronized (lock) {
            unacknowledgedUpdates.put(uuid, complete);
        }
        if (!subscribed) {
            LOG.info("{} for task {} kept until the agent takes the executor back", complete.getState(), complete.getTaskId().getValue());
            return complete;
        }
        Call call = call(Call.Type.UPDATE).setUpdate(Call.Update.newBuilder().setStatus(complete)).build();
        try {
            http.call(call);
        } catch (MesosCallException e) {
            if (!e.isServerSide()) {
                synchronized (lock) {
                    unacknowledgedUpdates.remove(uuid);
                }
                throw e;
            }
            LOG.warn("{} for task {} kept for the next subscription: {}", complete.getState(), complete.getTaskId().getValue(), e.getMessage());
        } catch (MesosConnectionException e) {
            LOG.warn("{} for task {} kept for the next subscription: {}", complete.getState(), complete.getTaskId().getValue(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("{} for task {} interrupted; kept for the next subscription", complete.getState(), complete.getTaskId().getValue());
        }
        return complete;
    }

    @Override
    public void message(ByteString data) {
        if (!subscribed) {
            throw new NotSubscribedException("MESSAGE");
        }
        try {
            http.call(call(Call.Type.MESSAGE).setMessage(Call.Message.newBuilder().setData(data)).build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MesosConnectionException("MESSAGE interrupted", http.endpoint(), e);
        }
    }

    @Override
    public List<TaskStatus> unacknowledgedUpdates() {
        synchronized (lock) {
            return List.copyOf(unacknowledgedUpdates.values());
        }
    }

    @Override
    public List<TaskInfo> unacknowledgedTasks() {
        synchronized (lock) {
            return List.copyOf(unacknowledgedTasks.values());
        }
    }

    @Override
    public void close() {
        thread.close(config.requestTimeout());
    }

    private void run() {
        Instant recoveryDeadline = null;
        int failures = 0;
        try {
            while (!thread.closing()) {
                Outcome outcome = connect();
                if (thread.closing()) {
                    return;
                }
                if (outcome.subscribed()) {
                    LOG.warn("Disconnected from the Mesos agent: {}", outcome.reason());
                    deliver("disconnected", () -> listener.disconnected(outcome.reason()));
                    failures = 0;
                    recoveryDeadline = null;
                }
                if (outcome.fatal()) {
                    lost(outcome.reason());
                    return;
                }
                Optional<ExecutorEnvironment.Recovery> recovery = environment.recovery();
                if (recovery.isEmpty()) {
                    lost(outcome.reason() + "; the framework does not checkpoint, so the executor does not wait for the agent");
                    return;
                }
                Instant now = clock.instant();
                if (recoveryDeadline == null) {
                    recoveryDeadline = now.plus(recovery.get().timeout());
                }
                Duration left = Duration.between(now, recoveryDeadline);
                Duration wait = shortest(config.reconnectBackoff().apply(++failures), recovery.get().backoffMax(), left);
                if (left.isPositive()) {
                    LOG.info("Subscribing to the Mesos agent again in {} (attempt {}, recovery timeout ends in {})", wait, failures + 1, left);
                }
                if (left.isPositive() && !thread.pause(wait)) {
                    return;
                }
                if (!clock.instant().isBefore(recoveryDeadline)) {
                    lost("not subscribed again within the recovery timeout of " + recovery.get().timeout() + "; last: " + outcome.reason());
                    return;
                }
            }
        } catch (InterruptedException e) {
            LOG.debug("Executor client event thread interrupted; stopping");
        } catch (RuntimeException e) {
            LOG.error("Executor client event thread failed; no more events", e);
            deliver("agentLost", () -> listener.agentLost("executor client stopped: " + e));
            throw e;
        } finally {
            subscribed = false;
        }
    }

    private void lost(String reason) {
        LOG.error("Giving up on the Mesos agent: {}", reason);
        deliver("agentLost", () -> listener.agentLost(reason));
    }

    /** One subscription from SUBSCRIBE to its end. */
    private Outcome connect() throws InterruptedException {
        long stream = ++generation;
        Flow.Publisher<List<ByteBuffer>> body;
        thread.inSubscribeRequest(true);
        try {
            body = http.subscribe(subscribeCall());
        } catch (MesosException e) {
            boolean retryable = e instanceof MesosConnectionException
                    || (e instanceof MesosCallException call && (call.isServerSide() || call.status() == 404));
            if (!thread.closing()) {
                LOG.warn("SUBSCRIBE to the Mesos agent failed: {}", e.getMessage());
            }
            return new Outcome(false, !retryable, "SUBSCRIBE failed: " + e.getMessage());
        } finally {
            thread.inSubscribeRequest(false);
        }
        EventStream<Event> events = new EventStream<>("agent", "executor Event", Event::parseFrom, config.maxEventBytes(),
                thread.signalling(event -> new Received(stream, event), reason -> new Ended(stream, reason)));
        body.subscribe(events);
        try {
            return pump(stream);
        } finally {
            subscribed = false;
            events.cancel();
        }
    }

    private Call subscribeCall() {
        Call.Subscribe.Builder subscribe = Call.Subscribe.newBuilder();
        synchronized (lock) {
            subscribe.addAllUnacknowledgedTasks(unacknowledgedTasks.values());
            unacknowledgedUpdates.values().forEach(status -> subscribe.addUnacknowledgedUpdates(Call.Update.newBuilder().setStatus(status)));
        }
        if (subscribe.getUnacknowledgedUpdatesCount() > 0 || subscribe.getUnacknowledgedTasksCount() > 0) {
            LOG.info("Subscribing with {} unacknowledged updates and {} unacknowledged tasks",
                    subscribe.getUnacknowledgedUpdatesCount(), subscribe.getUnacknowledgedTasksCount());
        }
        return call(Call.Type.SUBSCRIBE).setSubscribe(subscribe).build();
    }

    private Call.Builder call(Call.Type type) {
        return Call.newBuilder().setType(type).setFrameworkId(environment.frameworkId()).setExecutorId(environment.executorId());
    }

    private Outcome pump(long stream) throws InterruptedException {
        boolean isSubscribed = false;
        long firstEventDeadline = System.nanoTime() + config.requestTimeout().toNanos();
        while (true) {
            Signal signal = isSubscribed
                    ? thread.take()
                    : thread.poll(firstEventDeadline - System.nanoTime());
            switch (signal) {
                case null -> {
                    return new Outcome(false, false, "no SUBSCRIBED event within " + config.requestTimeout());
                }
                case Stop stop -> {
                    return new Outcome(isSubscribed, false, "executor client closed");
                }
                case Ended ended -> {
                    if (ended.generation() == stream) {
                        return new Outcome(isSubscribed, false, ended.reason());
                    }
                }
                case Received received -> {
                    if (received.generation() != stream) {
                        continue;
                    }
                    Event event = received.event();
                    if (event.getType() == Event.Type.SUBSCRIBED) {
                        isSubscribed = true;
                        subscribed = true;
                        LOG.info("Subscribed to Mesos agent {} as executor {} of framework {}", http.endpoint().getAuthority(),
                                environment.executorId().getValue(), environment.frameworkId().getValue());
                        deliver("subscribed", () -> listener.subscribed(event.getSubscribed()));
                    } else if (!isSubscribed) {
                        return new Outcome(false, false, "first event from the agent was " + event.getType() + ", expected SUBSCRIBED");
                    } else {
                        dispatch(event);
                    }
                }
            }
        }
    }

    private void dispatch(Event event) {
        String type = event.getType().name();
        switch (event.getType()) {
            case LAUNCH -> {
                TaskInfo task = event.getLaunch().getTask();
                synchronized (lock) {
                    unacknowledgedTasks.put(task.getTaskId(), task);
                }
                deliver(type, () -> listener.launch(task));
            }
            case LAUNCH_GROUP -> {
                synchronized (lock) {
                    event.getLaunchGroup().getTaskGroup().getTasksList().forEach(task -> unacknowledgedTasks.put(task.getTaskId(), task));
                }
                deliver(type, () -> listener.launchGroup(event.getLaunchGroup().getTaskGroup()));
            }
            case KILL -> deliver(type, () -> listener.kill(event.getKill()));
            case ACKNOWLEDGED -> {
                TaskID taskId = event.getAcknowledged().getTaskId();
                ByteString uuid = event.getAcknowledged().getUuid();
                synchronized (lock) {
                    unacknowledgedUpdates.remove(uuid);
                    unacknowledgedTasks.remove(taskId); // a task is acknowledged with its first acknowledged update
                }
                deliver(type, () -> listener.acknowledged(taskId, uuid));
            }
            case MESSAGE -> deliver(type, () -> listener.message(event.getMessage().getData()));
            case SHUTDOWN -> {
                LOG.info("The Mesos agent asks the executor to shut down");
                deliver(type, listener::shutdown);
            }
            case ERROR -> {
                LOG.error("The Mesos agent reports an error: {}", event.getError().getMessage());
                deliver(type, () -> listener.error(event.getError().getMessage()));
            }
            case HEARTBEAT -> {
            }
            default -> LOG.debug("Ignoring executor event of type {}", type);
        }
    }

    /**
     * Runs a listener callback. A callback that throws is a bug in the executor; it is logged and the
     * stream goes on, because stopping the event thread would lose every later event (a KILL, a SHUTDOWN).
     */
    private void deliver(String what, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.error("Executor listener failed handling {}", what, e);
        }
    }

    private static Duration shortest(Duration a, Duration b, Duration c) {
        Duration shortest = a.compareTo(b) <= 0 ? a : b;
        shortest = shortest.compareTo(c) <= 0 ? shortest : c;
        return shortest.isNegative() ? Duration.ZERO : shortest;
    }

    private static ByteString uuid() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return ByteString.copyFrom(bytes.array());
    }
}
