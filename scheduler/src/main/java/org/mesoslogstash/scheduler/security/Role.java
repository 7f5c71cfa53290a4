package org.mesoslogstash.scheduler.security;

import java.util.Locale;

/** What a user may do: a viewer reads (every GET, and validating a configuration); an operator also changes and tears down. */
public enum Role {
    VIEWER, OPERATOR;

    /** The name as written in the users option: {@code viewer}, {@code operator}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
