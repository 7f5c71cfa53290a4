package org.mesoslogstash.scheduler.configuration;

import java.util.List;

import org.mesoslogstash.config.Problem;

/** A change refused because the configuration is not valid; nothing was stored. Carries every problem with its line and column. */
public final class InvalidConfigurationException extends RuntimeException {

    private final transient List<Problem> problems;

    public InvalidConfigurationException(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
