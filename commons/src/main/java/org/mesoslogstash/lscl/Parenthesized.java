package org.mesoslogstash.lscl;

import java.util.Objects;

/** {@code ( condition )}. */
public record Parenthesized(Condition condition, SourcePosition position) implements Negatable {

    public Parenthesized {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(position, "position");
    }

    public Parenthesized(Condition condition) {
        this(condition, SourcePosition.NONE);
    }
}
