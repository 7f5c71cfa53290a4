package org.mesoslogstash.lscl;

import java.util.Objects;

/** {@code left == right} and the other comparisons. */
public record Comparison(RValue left, ComparisonOperator operator, RValue right, SourcePosition position)
        implements Expression {

    public Comparison {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(position, "position");
    }

    public Comparison(RValue left, ComparisonOperator operator, RValue right) {
        this(left, operator, right, SourcePosition.NONE);
    }
}
