package org.mesoslogstash.executor.collector;

import java.util.List;
import java.util.Objects;
import org.mesoslogstash.executor.matching.ContainerSelector;

/**
 * What to collect from the containers a selector matches: files inside them (absolute paths) and,
 * optionally, their stdout and stderr.
 *
 * @param name    names the rule in logs and errors
 * @param match   which containers the rule applies to
 * @param files   absolute paths of log files inside the container
 * @param console whether the container's stdout and stderr are collected too
 */
public record CollectRule(String name, ContainerSelector match, List<String> files, boolean console) {

    public CollectRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        files = List.copyOf(files);
    }
}
