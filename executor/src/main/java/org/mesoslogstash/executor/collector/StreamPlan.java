package org.mesoslogstash.executor.collector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mesoslogstash.executor.discovery.ContainerInfo;
import org.mesoslogstash.executor.event.Routing;
import org.mesoslogstash.executor.event.StreamKey;

/**
 * Pure functions over rules: which streams the rules name for one container, each with its
 * {@link Routing}, and what changes between two such plans. No I/O, so every case is a unit test.
 */
final class StreamPlan {

    private StreamPlan() {
    }

    /**
     * The streams the rules name for {@code container}, each once, in rule order; each stream's
     * routing lists the distinct pipelines and the names of every rule that names it, in rule order.
     */
    static Map<StreamKey, Routing> of(List<CollectRule> rules, ContainerInfo container) {
        Map<StreamKey, List<CollectRule>> naming = new LinkedHashMap<>();
        for (CollectRule rule : rules) {
            if (!rule.match().matches(container)) {
                continue;
            }
            for (String file : rule.files()) {
                naming.computeIfAbsent(StreamKey.file(container.id(), file), key -> new ArrayList<>()).add(rule);
            }
            if (rule.console()) {
                naming.computeIfAbsent(StreamKey.stdout(container.id()), key -> new ArrayList<>()).add(rule);
                naming.computeIfAbsent(StreamKey.stderr(container.id()), key -> new ArrayList<>()).add(rule);
            }
        }
        Map<StreamKey, Routing> plan = new LinkedHashMap<>();
        naming.forEach((key, named) -> plan.put(key, routing(named)));
        return plan;
    }

    private static Routing routing(List<CollectRule> rules) {
        Set<String> pipelines = new LinkedHashSet<>();
        List<String> names = new ArrayList<>(rules.size());
        for (CollectRule rule : rules) {
            if (rule.pipeline() != null) {
                pipelines.add(rule.pipeline());
            }
            names.add(rule.name());
        }
        return new Routing(List.copyOf(pipelines), names);
    }

    /**
     * What turns {@code before} into {@code after}, for one container.
     *
     * @param started  streams only {@code after} names, with their routing
     * @param stopped  streams only {@code before} names
     * @param rerouted streams both name whose routing changed, with the new routing
     * @param kept     streams both name with the same routing
     */
    record Diff(Map<StreamKey, Routing> started, Set<StreamKey> stopped, Map<StreamKey, Routing> rerouted, Set<StreamKey> kept) {

        Diff {
            started = Collections.unmodifiableMap(new LinkedHashMap<>(started));
            stopped = Collections.unmodifiableSet(new LinkedHashSet<>(stopped));
            rerouted = Collections.unmodifiableMap(new LinkedHashMap<>(rerouted));
            kept = Collections.unmodifiableSet(new LinkedHashSet<>(kept));
        }

        boolean isEmpty() {
            return started.isEmpty() && stopped.isEmpty() && rerouted.isEmpty();
        }
    }

    static Diff diff(Map<StreamKey, Routing> before, Map<StreamKey, Routing> after) {
        Map<StreamKey, Routing> started = new LinkedHashMap<>();
        Map<StreamKey, Routing> rerouted = new LinkedHashMap<>();
        Set<StreamKey> kept = new LinkedHashSet<>();
        after.forEach((key, routing) -> {
            Routing previous = before.get(key);
            if (previous == null) {
                started.put(key, routing);
            } else if (previous.equals(routing)) {
                kept.add(key);
            } else {
                rerouted.put(key, routing);
            }
        });
        Set<StreamKey> stopped = new LinkedHashSet<>(before.keySet());
        stopped.removeAll(after.keySet());
        return new Diff(started, stopped, rerouted, kept);
    }
}
