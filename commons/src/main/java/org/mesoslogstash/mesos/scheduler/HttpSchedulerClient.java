package org.mesoslogstash.mesos.scheduler;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.mesoslogstash.mesos.http.EventStream;
import org.mesoslogstash.mesos.http.MesosCallException;
import org.mesoslogstash.mesos.http.MesosConnectionException;
import org.mesoslogstash.mesos.http.MesosException;
import org.mesoslogstash.mesos.http.NotSubscribedException;
import org.mesoslogstash.mesos.http.SubscriptionThread;
import org.mesoslogstash.mesos.master.MasterDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchedulerClient} over the Mesos v1 scheduler HTTP API with the JDK HTTP client; no native code.
 *
 * <p>One event thread owns the subscription: it asks the {@link MasterDetector} for the master,
 * subscribes (following 307 redirects to the leader), and delivers events to the listener in order.
 * It declares the subscription dead when the stream ends or breaks, when no event arrived for
 * {@code heartbeatMisses} heartbeat intervals, or when the detector names another leader; it then
 * tells the listener {@code disconnected}, waits per the backoff rule, and subscribes again with the
 * framework id the master gave it. Calls are separate POSTs carrying the stream id, sent from the
 * caller's thread (a listener may call from within a callback).
 *
 * <p>Decoded events wait in an unbounded queue for the event thread: a listener that blocks for long
 * holds them in memory, and also delays the detection of a dead stream until it returns.
 */
public final class HttpSchedulerClient implements SchedulerClient {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSchedulerClient.class);
    private static final Duration LEADER_RECHECK = Duration.ofSeconds(1);

    private sealed interface Signal {
    }

    private record Received(long generation, Event event) implements Signal {
    }

    private record Ended(long generation, String reason) implements Signal {
    }

    private record LeaderChanged(Optional<URI> leader) implements Signal {
    }

    private record Stop() implements Signal {
    }

    private static final Stop STOP = new Stop();

    /** What calls need; present only while subscribed. */
    private record Session(URI endpoint, String streamId, FrameworkID frameworkId) {
    }

    private record Outcome(boolean subscribed, String reason) {
    }

    private final MasterDetector detector;
    private final SchedulerHttp http;
    private final SchedulerClientConfig config;
    private final ThreadFactory threadFactory;
    private final SubscriptionThread<Signal> thread = new SubscriptionThread<>("Scheduler client", STOP);
    private final AtomicBoolean started = new AtomicBoolean();

    private volatile boolean tearingDown;
    private volatile Session session;
    private volatile FrameworkID frameworkId;

    // Confined to the event thread.
    private FrameworkInfo frameworkInfo;
    private SchedulerListener listener;
    private long generation;
    private boolean waitingForLeader;

    public HttpSchedulerClient(MasterDetector detector, HttpClient http, SchedulerClientConfig config, ThreadFactory threadFactory) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.config = Objects.requireNonNull(config, "config");
        this.http = new SchedulerHttp(Objects.requireNonNull(http, "http"), config);
        this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
    }

    @Override
    public void start(FrameworkInfo frameworkInfo, SchedulerListener listener) {
        Objects.requireNonNull(frameworkInfo, "frameworkInfo");
        Objects.requireNonNull(listener, "listener");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the scheduler client was already started");
        }
        this.frameworkInfo = frameworkInfo;
        this.listener = listener;
        if (frameworkInfo.hasId()) {
            this.frameworkId = frameworkInfo.getId();
        }
        thread.start(threadFactory, this::run);
    }

    @Override
    public Optional<FrameworkID> frameworkId() {
        return Optional.ofNullable(frameworkId);
    }

    @Override
    public void send(Call call) {
        Session current = session;
        if (current == null) {
            throw new NotSubscribedException(call.getType().name());
        }
        Call complete = call.hasFrameworkId() ? call : call.toBuilder().setFrameworkId(current.frameworkId()).build();
        boolean teardown = call.getType() == Call.Type.TEARDOWN;
        if (teardown) {
            // Set before sending: the master ends the stream as soon as it accepts, and a re-subscription
            // racing the answer would register the framework anew.
            tearingDown = true;
        }
        try {
            http.call(current.endpoint(), complete, current.streamId());
        } catch (InterruptedException e) {
            tearingDown = false;
            Thread.currentThread().interrupt();
            throw new MesosConnectionException(call.getType() + " interrupted", current.endpoint(), e);
        } catch (MesosException e) {
            tearingDown = false;
            throw e;
        }
        if (teardown) {
            LOG.info("Framework {} torn down; no more subscriptions", complete.getFrameworkId().getValue());
            thread.stop();
        }
    }

    @Override
    public void close() {
        thread.close(config.requestTimeout());
    }

    private void run() {
        MasterDetector.Registration registration = detector.onLeaderChange(leader -> thread.signal(new LeaderChanged(leader)));
        try {
            int failures = 0;
            while (!thread.closing()) {
                if (failures > 0 && !thread.pause(config.reconnectBackoff().apply(failures))) {
                    break;
                }
                if (tearingDown) {
                    // Wait for the TEARDOWN answer: either it was accepted (closing) or it failed.
                    if (!thread.pause(LEADER_RECHECK)) {
                        break;
                    }
                    continue;
                }
                Optional<URI> master = detector.leader();
                if (master.isEmpty()) {
                    if (!waitingForLeader) {
                        LOG.info("No leading Mesos master known; waiting");
                        waitingForLeader = true;
                    }
                    if (!awaitLeader()) {
                        break;
                    }
                    continue;
                }
                waitingForLeader = false;
                Outcome outcome = connect(master.get());
                if (outcome.subscribed()) {
                    session = null;
                    LOG.warn("Mesos subscription lost: {}", outcome.reason());
                    deliver("disconnected", () -> listener.disconnected(outcome.reason()));
                    failures = 1;
                } else if (outcome.reason() != null) {
                    failures++;
                }
            }
        } catch (InterruptedException e) {
            LOG.debug("Scheduler client event thread interrupted; stopping");
        } catch (RuntimeException e) {
            // A bug here; without this thread no event arrives any more, so the scheduler must know.
            LOG.error("Scheduler client event thread failed; no more events", e);
            deliver("error", () -> listener.error("scheduler client stopped: " + e));
            throw e;
        } finally {
            session = null;
            registration.close();
        }
    }

    /** One subscription from SUBSCRIBE to its end; a null reason means closed before subscribing. */
    private Outcome connect(URI master) throws InterruptedException {
        URI endpoint = master.resolve(SchedulerClientConfig.API_PATH);
        long stream = ++generation;
        SchedulerHttp.Opened opened;
        thread.inSubscribeRequest(true);
        try {
            opened = http.subscribe(endpoint, subscribeCall());
        } catch (MesosException e) {
            if (thread.closing()) {
                return new Outcome(false, null);
            }
            boolean masterTrouble = e instanceof MesosConnectionException
                    || (e instanceof MesosCallException call && call.isServerSide());
            if (masterTrouble) {
                detector.unreachable(master);
                LOG.warn("SUBSCRIBE to Mesos master {} failed: {}", master, e.getMessage());
            } else {
                LOG.error("Mesos master {} refused SUBSCRIBE: {}", master, e.getMessage());
            }
            deliver("subscribeFailed", () -> listener.subscribeFailed(e));
            return new Outcome(false, e.getMessage());
        } finally {
            thread.inSubscribeRequest(false);
        }
        EventStream<Event> events = new EventStream<>("master", "scheduler Event", Event::parseFrom, config.maxEventBytes(),
                thread.signalling(event -> new Received(stream, event), reason -> new Ended(stream, reason)));
        opened.body().subscribe(events);
        Outcome outcome;
        try {
            outcome = pump(stream, opened);
        } finally {
            events.cancel();
        }
        if (!outcome.subscribed() && !thread.closing()) {
            // The master took the request but never confirmed the subscription.
            detector.unreachable(master);
            LOG.warn("SUBSCRIBE to Mesos master {} failed: {}", opened.endpoint(), outcome.reason());
            MesosConnectionException failure = new MesosConnectionException(outcome.reason(), opened.endpoint(), null);
            deliver("subscribeFailed", () -> listener.subscribeFailed(failure));
        }
        return outcome;
    }

    private Call subscribeCall() {
        FrameworkInfo info = frameworkId == null ? frameworkInfo : frameworkInfo.toBuilder().setId(frameworkId).build();
        Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
        if (info.hasId()) {
            call.setFrameworkId(info.getId());
        }
        return call.build();
    }

    private Outcome pump(long stream, SchedulerHttp.Opened opened) throws InterruptedException {
        boolean subscribed = false;
        Duration silence = config.requestTimeout();
        long deadline = System.nanoTime() + silence.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return new Outcome(subscribed, subscribed
                        ? "no event from the master for " + silence + " (" + config.heartbeatMisses() + " heartbeat intervals)"
                        : "no SUBSCRIBED event within " + silence);
            }
            Signal signal = thread.poll(remaining);
            switch (signal) {
                case null -> {
                }
                case Stop stop -> {
                    return new Outcome(subscribed, "scheduler client closed");
                }
                case LeaderChanged changed -> {
                    if (changed.leader().isPresent() && !sameMaster(changed.leader().get(), opened.endpoint())) {
                        return new Outcome(subscribed, "leading master changed to " + changed.leader().get());
                    }
                }
                case Ended ended -> {
                    if (ended.generation() == stream) {
                        return new Outcome(subscribed, ended.reason());
                    }
                }
                case Received received -> {
                    if (received.generation() != stream) {
                        continue;
                    }
                    Event event = received.event();
                    if (event.getType() == Event.Type.SUBSCRIBED) {
                        Duration heartbeat = subscribed(event.getSubscribed(), opened);
                        silence = heartbeat.multipliedBy(config.heartbeatMisses());
                        subscribed = true;
                    } else if (!subscribed) {
                        if (event.getType() == Event.Type.ERROR) {
                            // The master refuses the subscription (a removed framework): only the
                            // scheduler can decide what to do, so it must hear why.
                            dispatch(event);
                        }
                        return new Outcome(false, "first event from the master was " + event.getType() + ", expected SUBSCRIBED");
                    } else {
                        dispatch(event);
                    }
                    deadline = System.nanoTime() + silence.toNanos();
                }
            }
        }
    }

    private Duration subscribed(Event.Subscribed subscribed, SchedulerHttp.Opened opened) {
        FrameworkID id = subscribed.getFrameworkId();
        Duration heartbeat = subscribed.hasHeartbeatIntervalSeconds() && subscribed.getHeartbeatIntervalSeconds() > 0
                ? Duration.ofNanos((long) (subscribed.getHeartbeatIntervalSeconds() * 1e9))
                : config.defaultHeartbeat();
        frameworkId = id;
        session = new Session(opened.endpoint(), opened.streamId(), id);
        LOG.info("Subscribed to Mesos master {} as framework {} (heartbeat every {})", opened.endpoint().getAuthority(), id.getValue(), heartbeat);
        deliver("subscribed", () -> listener.subscribed(id, heartbeat, subscribed.getMasterInfo()));
        return heartbeat;
    }

    private void dispatch(Event event) {
        String type = event.getType().name();
        switch (event.getType()) {
            case HEARTBEAT -> {
            }
            case OFFERS -> deliver(type, () -> listener.offers(event.getOffers().getOffersList()));
            case RESCIND -> deliver(type, () -> listener.rescind(event.getRescind().getOfferId()));
            case UPDATE -> deliver(type, () -> listener.update(event.getUpdate().getStatus()));
            case MESSAGE -> deliver(type, () -> listener.message(event.getMessage()));
            case FAILURE -> deliver(type, () -> listener.failure(event.getFailure()));
            case ERROR -> {
                LOG.error("Mesos master reports an error: {}", event.getError().getMessage());
                deliver(type, () -> listener.error(event.getError().getMessage()));
            }
            default -> deliver(type, () -> listener.other(event));
        }
    }

    /**
     * Runs a listener callback. A callback that throws is a bug in the scheduler; it is logged and the
     * stream goes on, because stopping the event thread would lose every later event, while an
     * unacknowledged update is re-sent by Mesos anyway.
     */
    private void deliver(String what, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.error("Scheduler listener failed handling {}", what, e);
        }
    }

    /** Waits until the detector reports a leader or a second passed; false when the client is closed. */
    private boolean awaitLeader() throws InterruptedException {
        Signal signal = thread.poll(LEADER_RECHECK.toNanos());
        return !(signal instanceof Stop) && !thread.closing();
    }

    private static boolean sameMaster(URI a, URI b) {
        return a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }
}
