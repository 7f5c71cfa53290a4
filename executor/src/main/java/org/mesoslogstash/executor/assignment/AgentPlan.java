package org.mesoslogstash.executor.assignment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;

import org.mesoslogstash.executor.collector.CollectorConfig;

/**
 * What an executor runs for one assignment: the collector, with the rules of the settings and of
 * every configuration's container inputs, and, when its sink is the executor's own Logstash, the
 * pipelines that Logstash runs (pipeline id to configuration text; empty otherwise).
 */
public record AgentPlan(CollectorConfig collector, SequencedMap<String, String> pipelines) {

    public AgentPlan {
        Objects.requireNonNull(collector, "collector");
        pipelines = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(pipelines));
    }

    /** Whether events go to the executor's own Logstash (which runs only while there are pipelines). */
    public boolean runsLogstash() {
        return collector.sink() instanceof CollectorConfig.SinkConfig.ManagedLogstash;
    }
}
