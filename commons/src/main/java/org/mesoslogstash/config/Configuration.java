package org.mesoslogstash.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an operator writes: a name, which becomes the Logstash pipeline id on every agent, and a
 * Logstash pipeline whose {@code container} inputs say what to collect (docs/configurations.md).
 * Nothing here is checked beyond presence; {@link org.mesoslogstash.config.validation.ConfigurationValidator}
 * says what is wrong, all at once.
 */
public record Configuration(String name, String text) {

    /** Pipeline ids that Logstash and every file system accept, and that leave room for our prefixes. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public Configuration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
