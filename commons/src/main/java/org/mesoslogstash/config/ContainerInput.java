package org.mesoslogstash.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mesoslogstash.lscl.Attribute;

/**
 * One {@code container} input of a configuration: which containers (every criterion given must
 * hold), what to stream from inside them, and the Logstash input options that decorate its events.
 *
 * @param id          {@code <configuration>#<n>}, n counting the configuration's container inputs from 1;
 *                    names the collection rule and routes the events of this input
 * @param images      image patterns, any one matching ({@link org.mesoslogstash.matching.ImagePattern}); empty: any image
 * @param labels      label name to value glob, all matching
 * @param marathonApp glob over {@code MARATHON_APP_ID}, or null
 * @param mesosTask   glob over {@code MESOS_TASK_ID}, or null
 * @param paths       absolute paths inside the container
 * @param console     whether stdout and stderr are collected too
 * @param multiline   how lines are joined into events before they leave the agent, or null for one event per line
 * @param decoration  the input's {@code type}, {@code tags} and {@code add_field} attributes, as written
 */
public record ContainerInput(String id, List<String> images, Map<String, String> labels, String marathonApp, String mesosTask,
        List<String> paths, boolean console, Multiline multiline, List<Attribute> decoration) {

    /**
     * The {@code multiline} option, in the terms of Logstash's multiline codec: a line that matches
     * {@code pattern} (or does not, with {@code negate}) belongs to the {@code previous} line's event
     * or to the {@code next} one. The collector joins on the agent, as Filebeat does, because
     * Logstash's beats input refuses the multiline codec.
     *
     * @param pattern           a Java regular expression, found anywhere in the line
     * @param maxLines          most lines per event (Logstash's default 500)
     * @param autoFlushSeconds  an event is complete when no line came for this long
     */
    public record Multiline(String pattern, boolean negate, What what, int maxLines, int autoFlushSeconds) {

        public enum What { PREVIOUS, NEXT }

        public static final int DEFAULT_MAX_LINES = 500;
        public static final int DEFAULT_AUTO_FLUSH_SECONDS = 5;

        public Multiline {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(what, "what");
        }
    }

    /** The pseudo-input's name in a configuration. */
    public static final String PLUGIN = "container";

    public ContainerInput {
        Objects.requireNonNull(id, "id");
        images = List.copyOf(images);
        labels = Map.copyOf(labels);
        paths = List.copyOf(paths);
        decoration = List.copyOf(decoration);
    }

    /** The configuration this input belongs to: the part of {@link #id} before {@code #}. */
    public String configuration() {
        return id.substring(0, id.lastIndexOf('#'));
    }
}
