package org.mesoslogstash.executor.collector;

import java.util.List;

/**
 * A collector configuration that cannot be used. Carries every problem found, each naming the
 * field (as a JSON path), the value and what would be accepted, so one run shows them all.
 */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super("invalid collector configuration " + source + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
