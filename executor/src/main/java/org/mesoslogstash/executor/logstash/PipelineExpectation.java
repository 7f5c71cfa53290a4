package org.mesoslogstash.executor.logstash;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Logstash's monitoring API must show after a start or a reload: exactly the {@code wanted}
 * pipelines running, each of {@code toLoad} created anew (an ephemeral id other than in
 * {@code idsBefore}) or refused (more {@code reloads.failures} than in {@code failuresBefore}; a
 * refused new pipeline is not running, a refused changed one runs its old version). A pure
 * function of two API answers, so that the rule is tested apart from processes and time.
 */
record PipelineExpectation(SortedSet<String> wanted, SortedSet<String> toLoad, Map<String, String> idsBefore,
                           Map<String, Long> failuresBefore) {

    PipelineExpectation {
        wanted = new TreeSet<>(wanted);
        toLoad = new TreeSet<>(toLoad);
        idsBefore = Map.copyOf(idsBefore);
        failuresBefore = Map.copyOf(failuresBefore);
    }

    /** A just-started Logstash: every wanted pipeline has to appear. */
    static PipelineExpectation fresh(Set<String> wanted) {
        return new PipelineExpectation(new TreeSet<>(wanted), new TreeSet<>(wanted), Map.of(), Map.of());
    }

    sealed interface Outcome {
    }

    /** Logstash runs what was wanted. */
    record Reached() implements Outcome {
    }

    /** Logstash runs what it could; it refused these pipelines, with its messages. */
    record Refused(SortedMap<String, String> errors) implements Outcome {
    }

    /** Not there yet; {@code seen} says what the API showed, for the timeout message. */
    record Pending(String seen) implements Outcome {
    }

    Outcome check(Map<String, String> running, Map<String, PipelineStats> stats) {
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(stats, "stats");
        SortedMap<String, String> refused = new TreeMap<>();
        TreeSet<String> pending = new TreeSet<>();
        for (String id : toLoad) {
            String ephemeral = running.get(id);
            if (ephemeral != null && !ephemeral.equals(idsBefore.get(id))) {
                continue;
            }
            PipelineStats s = stats.get(id);
            if (s != null && s.reloadFailures() > failuresBefore.getOrDefault(id, 0L)) {
                refused.put(id, s.lastError().orElse("no message from Logstash; see its log"));
            } else {
                pending.add(id);
            }
        }
        TreeSet<String> expectedRunning = new TreeSet<>(wanted);
        refused.keySet().stream().filter(id -> !running.containsKey(id)).forEach(expectedRunning::remove);
        if (pending.isEmpty() && running.keySet().equals(expectedRunning)) {
            return refused.isEmpty() ? new Reached() : new Refused(refused);
        }
        TreeSet<String> extra = new TreeSet<>(running.keySet());
        extra.removeAll(wanted);
        return new Pending("Logstash runs " + new TreeSet<>(running.keySet())
                + (pending.isEmpty() ? "" : ", not yet (re)loaded: " + pending)
                + (extra.isEmpty() ? "" : ", not yet stopped: " + extra));
    }
}
