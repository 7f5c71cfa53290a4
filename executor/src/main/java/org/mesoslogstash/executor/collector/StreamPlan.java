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
import org.mesoslogstash.executor.multiline.MultilineSettings;

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

    /**
     * How the lines of each stream the rules name for {@code container} are joined: by the multiline
     * settings of the first rule naming it that has any (streams no such rule names are absent).
     * A stream has one joining, whichever configurations want its events.
     *
     * @param settings  per stream
     * @param conflicts one sentence per stream whose rules ask for different joinings, for the log
     */
    record Joining(Map<StreamKey, MultilineSettings> settings, List<String> conflicts) {
    }

    static Joining multiline(List<CollectRule> rules, ContainerInfo container) {
        Map<StreamKey, MultilineSettings> settings = new LinkedHashMap<>();
        Map<StreamKey, String> chosenBy = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        for (CollectRule rule : rules) {
            if (rule.multiline() == null || !rule.match().matches(container)) {
                continue;
            }
            List<StreamKey> keys = new ArrayList<>();
            rule.files().forEach(file -> keys.add(StreamKey.file(container.id(), file)));
            if (rule.console()) {
                keys.add(StreamKey.stdout(container.id()));
                keys.add(StreamKey.stderr(container.id()));
            }
            for (StreamKey key : keys) {
                MultilineSettings chosen = settings.putIfAbsent(key, rule.multiline());
                if (chosen == null) {
                    chosenBy.put(key, rule.name());
                } else if (!chosen.equals(rule.multiline())) {
                    conflicts.add(key + ": rules \"" + chosenBy.get(key) + "\" and \"" + rule.name()
                            + "\" join its lines differently; the first one's multiline settings apply");
                }
            }
        }
        return new Joining(settings, conflicts);
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
