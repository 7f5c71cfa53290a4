package org.mesoslogstash.lscl;

import java.util.List;
import java.util.Objects;

/**
 * A condition as the grammar writes it: expressions joined by boolean operators, flat and in order
 * ({@code a and b or c} is first {@code a}, then {@code and b}, then {@code or c}). Grouping by
 * precedence is left to whoever evaluates it (Logstash binds {@code and} tighter than {@code or});
 * parentheses are kept as {@link Parenthesized} nodes.
 */
public record Condition(Expression first, List<JoinedExpression> rest, SourcePosition position) {

    public Condition {
        Objects.requireNonNull(first, "first");
        rest = List.copyOf(rest);
        Objects.requireNonNull(position, "position");
    }

    public Condition(Expression first, List<JoinedExpression> rest) {
        this(first, rest, SourcePosition.NONE);
    }

    /** A condition of one expression. */
    public Condition(Expression only) {
        this(only, List.of(), SourcePosition.NONE);
    }
}
