package org.mesoslogstash.executor.collector;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.mesoslogstash.executor.matching.ContainerSelector;
import org.mesoslogstash.executor.multiline.MultilineSettings;

/**
 * What to collect from the containers a selector matches: files inside them (absolute paths) and,
 * optionally, their stdout and stderr; and, under Mesos, the configuration (Logstash pipeline) the
 * rule belongs to, so that its lines reach that pipeline.
 *
 * @param name     names the rule in logs and errors, and in the routing of every event it collects
 * @param match    which containers the rule applies to
 * @param files    absolute paths of log files inside the container
 * @param console  whether the container's stdout and stderr are collected too
 * @param pipeline  the id of the Logstash pipeline the rule's lines are routed to; null for the
 *                  standalone collector, whose rules belong to no pipeline
 * @param multiline how the lines of the rule's streams are joined into messages; null for one event
 *                  per line. A stream named by several rules is joined by the first of them that has it
 */
public record CollectRule(String name, ContainerSelector match, List<String> files, boolean console, String pipeline,
                          MultilineSettings multiline) {

    /** What a Logstash pipeline id may be here: what the lead's configurations are named with. */
    public static final Pattern PIPELINE_ID = Pattern.compile("[a-z0-9_-]+");

    public CollectRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        files = List.copyOf(files);
        if (pipeline != null && !PIPELINE_ID.matcher(pipeline).matches()) {
            throw new IllegalArgumentException("a pipeline id is made of a-z, 0-9, '_' and '-', not '" + pipeline + "'");
        }
    }

    /** A rule without multiline joining. */
    public CollectRule(String name, ContainerSelector match, List<String> files, boolean console, String pipeline) {
        this(name, match, files, console, pipeline, null);
    }

    /** A rule that belongs to no pipeline (the standalone collector), without multiline joining. */
    public CollectRule(String name, ContainerSelector match, List<String> files, boolean console) {
        this(name, match, files, console, null, null);
    }
}
