package org.mesoslogstash.executor.collector;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mesoslogstash.executor.checkpoint.CheckpointStore;
import org.mesoslogstash.executor.delivery.DeliveryPipeline;
import org.mesoslogstash.executor.discovery.ContainerInfo;
import org.mesoslogstash.executor.discovery.ContainerListener;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.stream.StreamSupervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what discovery sees into streams: a started container gets one stream per file and console
 * source that the matching rules name, resumed from its checkpoint; a stopped container's streams
 * end with their checkpoints kept (it may start again); a removed container's checkpoints are
 * forgotten. Two rules naming the same file of one container give one stream, not two.
 */
public final class Collector implements ContainerListener {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);

    private final List<CollectRule> rules;
    private final String agentHost;
    private final StreamSupervisor streams;
    private final CheckpointStore checkpoints;
    private final DeliveryPipeline delivery;
    private final Map<String, Set<StreamKey>> streamsByContainer = new ConcurrentHashMap<>();

    public Collector(List<CollectRule> rules, String agentHost, StreamSupervisor streams,
                     CheckpointStore checkpoints, DeliveryPipeline delivery) {
        this.rules = List.copyOf(rules);
        this.agentHost = agentHost;
        this.streams = streams;
        this.checkpoints = checkpoints;
        this.delivery = delivery;
    }

    @Override
    public void started(ContainerInfo container) {
        Set<StreamKey> keys = streamsFor(container);
        if (keys.isEmpty()) {
            log.debug("container {} ({}, image {}) matches no rule", container.name(), container.id(), container.image());
            return;
        }
        streamsByContainer.put(container.id(), keys);
        SourceMetadata metadata = new SourceMetadata(container.id(), container.name(), container.image(), container.labels(),
                agentHost, container.mesosTaskId(), container.mesosFrameworkId(), container.marathonAppId());
        log.info("collecting {} stream(s) from container {} ({}, image {})", keys.size(), container.name(), container.id(), container.image());
        for (StreamKey key : keys) {
            streams.start(key, metadata, checkpoints.load(key));
        }
    }

    @Override
    public void stopped(String containerId) {
        if (streamsByContainer.containsKey(containerId)) {
            streams.stopContainer(containerId);
        }
    }

    @Override
    public void removed(String containerId) {
        Set<StreamKey> keys = new LinkedHashSet<>();
        Set<StreamKey> started = streamsByContainer.remove(containerId);
        if (started != null) {
            streams.stopContainer(containerId);
            keys.addAll(started);
        }
        // The store is asked too, not only what this run started: a container that was already
        // stopped when the collector started still has positions from an earlier run.
        checkpoints.loadAll().keySet().stream()
                .filter(key -> key.containerId().equals(containerId))
                .forEach(keys::add);
        keys.forEach(delivery::forget);
        streams.forgetContainer(containerId);
        if (!keys.isEmpty()) {
            log.info("container {} removed; forgot its {} stream(s) and their checkpoints", containerId, keys.size());
        }
    }

    /** The streams the rules name for a container, each once, in rule order. */
    Set<StreamKey> streamsFor(ContainerInfo container) {
        Set<StreamKey> keys = new LinkedHashSet<>();
        for (CollectRule rule : rules) {
            if (!rule.match().matches(container)) {
                continue;
            }
            rule.files().forEach(file -> keys.add(StreamKey.file(container.id(), file)));
            if (rule.console()) {
                keys.add(StreamKey.stdout(container.id()));
                keys.add(StreamKey.stderr(container.id()));
            }
        }
        return keys;
    }
}
