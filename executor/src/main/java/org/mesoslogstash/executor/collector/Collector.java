package org.mesoslogstash.executor.collector;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mesoslogstash.executor.checkpoint.CheckpointStore;
import org.mesoslogstash.executor.delivery.DeliveryPipeline;
import org.mesoslogstash.executor.discovery.ContainerInfo;
import org.mesoslogstash.executor.discovery.ContainerListener;
import org.mesoslogstash.executor.event.Routing;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.multiline.MultilinePublisher;
import org.mesoslogstash.executor.stream.StreamSupervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what discovery sees, and the rules, into streams: a started container gets one stream per
 * file and console source that the matching rules name, resumed from its checkpoint; a stopped
 * container's streams end with their checkpoints kept (it may start again); a removed container's
 * checkpoints are forgotten. Two rules naming the same file of one container give one stream, not
 * two, whose events carry the routing of both ({@link StreamPlan}).
 *
 * <p>New rules are applied to the running containers at once ({@link #apply}), restarting nothing
 * that does not need it: a stream both rule sets name keeps running (same run, nothing read twice),
 * with its new routing if that changed; a stream only the new rules name starts from its checkpoint;
 * a stream they no longer name stops and keeps its checkpoint, so that naming it again (a rollback,
 * a corrected typo) resumes where it stopped instead of sending the whole file again. Checkpoints of
 * a container still go when the container is removed.
 *
 * <p>Thread-safe: discovery's notifications and {@link #apply} are serialised on this object.
 */
public final class Collector implements ContainerListener {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);
    /** How long a removal waits for delivery to take a removed container's last multiline messages: discovery waits meanwhile. */
    private static final Duration REMOVAL_FLUSH_WAIT = Duration.ofSeconds(2);

    /**
     * What applying new rules did, counted over every running container.
     *
     * @param started  streams started because only the new rules name them
     * @param stopped  streams stopped because the new rules no longer name them (checkpoints kept)
     * @param rerouted streams that kept running with a new routing
     * @param kept     streams that kept running unchanged
     */
    public record Applied(int started, int stopped, int rerouted, int kept) {
    }

    /** A running container, with the metadata its streams share. */
    private record Running(ContainerInfo container, SourceMetadata metadata) {
    }

    private final String agentHost;
    private final StreamSupervisor streams;
    private final CheckpointStore checkpoints;
    private final DeliveryPipeline delivery;
    private final StreamRoutes routes;
    private final MultilinePublisher multiline;

    // Guarded by this.
    private List<CollectRule> rules;
    /** Containers that are running, whether or not a rule matches them: new rules may. */
    private final Map<String, Running> running = new HashMap<>();
    /** The streams this collector started per container, with their routing; kept while the container is stopped. */
    private final Map<String, Map<StreamKey, Routing>> collected = new HashMap<>();

    public Collector(List<CollectRule> rules, String agentHost, StreamSupervisor streams,
                     CheckpointStore checkpoints, DeliveryPipeline delivery) {
        this(rules, agentHost, streams, checkpoints, delivery, new StreamRoutes(), null);
    }

    /**
     * @param routes    where the routing of each stream is kept for the streams' publisher ({@link StreamRoutes#stamping})
     * @param multiline where the streams' lines are joined into messages; null if nothing is joined (tests)
     */
    Collector(List<CollectRule> rules, String agentHost, StreamSupervisor streams,
              CheckpointStore checkpoints, DeliveryPipeline delivery, StreamRoutes routes, MultilinePublisher multiline) {
        this.rules = List.copyOf(rules);
        this.agentHost = agentHost;
        this.streams = streams;
        this.checkpoints = checkpoints;
        this.delivery = delivery;
        this.routes = routes;
        this.multiline = multiline;
    }

    @Override
    public synchronized void started(ContainerInfo container) {
        SourceMetadata metadata = new SourceMetadata(container.id(), container.name(), container.image(), container.labels(),
                agentHost, container.mesosTaskId(), container.mesosFrameworkId(), container.marathonAppId());
        running.put(container.id(), new Running(container, metadata));
        Map<StreamKey, Routing> plan = StreamPlan.of(rules, container);
        if (plan.isEmpty()) {
            collected.remove(container.id());
            log.debug("container {} ({}, image {}) matches no rule", container.name(), container.id(), container.image());
            return;
        }
        collected.put(container.id(), plan);
        log.info("collecting {} stream(s) from container {} ({}, image {})", plan.size(), container.name(), container.id(), container.image());
        setJoining(plan, container);
        plan.forEach((key, routing) -> start(key, routing, metadata));
    }

    @Override
    public synchronized void stopped(String containerId) {
        running.remove(containerId);
        if (collected.containsKey(containerId)) {
            streams.stopContainer(containerId);
        }
    }

    @Override
    public synchronized void removed(String containerId) {
        running.remove(containerId);
        Set<StreamKey> keys = new LinkedHashSet<>();
        Map<StreamKey, Routing> started = collected.remove(containerId);
        if (started != null) {
            streams.stopContainer(containerId);
            keys.addAll(started.keySet());
        }
        // The store is asked too, not only what this run started: a container that was already
        // stopped when the collector started, or a stream that new rules stopped, still has positions.
        checkpoints.loadAll().keySet().stream()
                .filter(key -> key.containerId().equals(containerId))
                .forEach(keys::add);
        if (multiline != null) {
            try {
                // Its last message (often the stack trace it died with) still goes out.
                multiline.forgetContainer(containerId, REMOVAL_FLUSH_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("container {} removed; interrupted while handing on its waiting multiline messages", containerId);
            }
        }
        keys.forEach(delivery::forget);
        streams.forgetContainer(containerId);
        routes.forgetContainer(containerId);
        if (!keys.isEmpty()) {
            log.info("container {} removed; forgot its {} stream(s) and their checkpoints", containerId, keys.size());
        }
    }

    /**
     * Replaces the rules and applies them to every running container at once (see the class comment).
     * A container that discovery reports later is matched against the new rules.
     */
    public synchronized Applied apply(List<CollectRule> newRules) {
        rules = List.copyOf(newRules);
        int started = 0;
        int stopped = 0;
        int rerouted = 0;
        int kept = 0;
        for (Running container : running.values()) {
            String id = container.container().id();
            Map<StreamKey, Routing> after = StreamPlan.of(rules, container.container());
            StreamPlan.Diff diff = StreamPlan.diff(collected.getOrDefault(id, Map.of()), after);
            for (StreamKey key : diff.stopped()) {
                log.info("{}: no rule names the stream any more; stopping it, its checkpoint is kept", key);
                streams.stop(key);
            }
            setJoining(after, container.container());
            diff.rerouted().forEach((key, routing) -> {
                log.info("{}: routing changed to {}; the stream keeps running and its next lines carry it", key, routing);
                routes.set(key, routing);
            });
            diff.started().forEach((key, routing) -> start(key, routing, container.metadata()));
            if (after.isEmpty()) {
                collected.remove(id);
            } else {
                collected.put(id, after);
            }
            started += diff.started().size();
            stopped += diff.stopped().size();
            rerouted += diff.rerouted().size();
            kept += diff.kept().size();
        }
        return new Applied(started, stopped, rerouted, kept);
    }

    /**
     * The running containers discovery has reported, each with how many streams the rules in force
     * collect from it (0 when no rule matches it), ordered by name. A copy taken under this object's
     * lock: it does not change afterwards, and may be read on any thread.
     */
    public synchronized List<DiscoveredContainer> containers() {
        return running.values().stream()
                .map(Running::container)
                .map(container -> new DiscoveredContainer(container.id(), container.name(), container.image(),
                        collected.getOrDefault(container.id(), Map.of()).size()))
                .sorted(Comparator.comparing(DiscoveredContainer::name).thenComparing(DiscoveredContainer::id))
                .toList();
    }

    /**
     * Sets how each planned stream's lines are joined; a changed joining applies from the stream's
     * next line on (the message being built is completed first), without restarting the stream.
     */
    private void setJoining(Map<StreamKey, Routing> plan, ContainerInfo container) {
        StreamPlan.Joining joining = StreamPlan.multiline(rules, container);
        joining.conflicts().forEach(conflict -> log.warn("{}", conflict));
        if (multiline != null) {
            plan.keySet().forEach(key -> multiline.set(key, joining.settings().get(key)));
        }
    }

    /** The routing is set first, so that the stream's very first line carries it. */
    private void start(StreamKey key, Routing routing, SourceMetadata metadata) {
        routes.set(key, routing);
        streams.start(key, metadata, checkpoints.load(key));
    }
}
