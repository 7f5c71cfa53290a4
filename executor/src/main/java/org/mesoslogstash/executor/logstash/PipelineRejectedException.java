package org.mesoslogstash.executor.logstash;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Logstash refused to (re)load some pipelines; it keeps running the others (and the previous
 * version of a changed pipeline). Carries Logstash's own message per pipeline id.
 */
public final class PipelineRejectedException extends LogstashException {

    private final SortedMap<String, String> errors;

    public PipelineRejectedException(Map<String, String> errors) {
        super(describe(errors));
        this.errors = Collections.unmodifiableSortedMap(new TreeMap<>(errors));
    }

    /** Pipeline id to Logstash's message ({@code reloads.last_error}). */
    public SortedMap<String, String> errors() {
        return errors;
    }

    static String describe(Map<String, String> errors) {
        return new TreeMap<>(errors).entrySet().stream()
                .map(e -> "Logstash rejected pipeline '" + e.getKey() + "': " + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
