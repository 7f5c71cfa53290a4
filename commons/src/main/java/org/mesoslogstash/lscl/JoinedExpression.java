package org.mesoslogstash.lscl;

import java.util.Objects;

/** {@code and b}: an expression with the boolean operator that joins it to what precedes it. */
public record JoinedExpression(BooleanOperator operator, Expression expression, SourcePosition position) {

    public JoinedExpression {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(position, "position");
    }

    public JoinedExpression(BooleanOperator operator, Expression expression) {
        this(operator, expression, SourcePosition.NONE);
    }
}
