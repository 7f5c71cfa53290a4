package org.mesoslogstash.lscl;

import java.util.Objects;

/** {@code !( condition )} or {@code ![field]}. */
public record Negation(Negatable operand, SourcePosition position) implements Expression {

    public Negation {
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(position, "position");
    }

    public Negation(Negatable operand) {
        this(operand, SourcePosition.NONE);
    }
}
