package org.mesoslogstash.lscl;

import java.util.List;
import java.util.Objects;

/**
 * {@code if ... { } else if ... { } else { }}: the first clause is the {@code if}, the others are the
 * {@code else if}s in order.
 *
 * @param otherwise the {@code else} block, or null when there is none ({@code else {}} is an empty
 *                  one, not null)
 */
public record Branch(List<Clause> clauses, ElseClause otherwise, SourcePosition position) implements Statement {

    public Branch {
        clauses = List.copyOf(clauses);
        if (clauses.isEmpty()) {
            throw new IllegalArgumentException("a branch has an if clause at least");
        }
        Objects.requireNonNull(position, "position");
    }

    public Branch(List<Clause> clauses, ElseClause otherwise) {
        this(clauses, otherwise, SourcePosition.NONE);
    }
}
