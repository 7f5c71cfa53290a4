package org.mesoslogstash.executor.event;

import java.util.List;

/**
 * Where the lines of one stream are to go on the agent's Logstash: the configurations (Logstash
 * pipeline ids) whose rules name the stream, and the names of those rules. The router pipeline
 * sends each event on to every pipeline listed; the rule names say which inputs of those
 * configurations asked for it.
 *
 * <p>One instance is shared by all the events of a stream while its routing stays the same, so that
 * encoders may serialise it once (see {@code sink.EventJson}).
 *
 * @param pipelines distinct pipeline ids, in rule order; empty for the standalone collector, whose
 *                  rules belong to no pipeline
 * @param rules     the names of the rules that name the stream, in rule order
 */
public record Routing(List<String> pipelines, List<String> rules) {

    /** No routing known: events built without one (tests, benchmarks) carry this. */
    public static final Routing NONE = new Routing(List.of(), List.of());

    public Routing {
        pipelines = List.copyOf(pipelines);
        rules = List.copyOf(rules);
    }

    public boolean isNone() {
        return pipelines.isEmpty() && rules.isEmpty();
    }

    @Override
    public String toString() {
        return "pipelines " + pipelines + " (rules " + rules + ")";
    }
}
