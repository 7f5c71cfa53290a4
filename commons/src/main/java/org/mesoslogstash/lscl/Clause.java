package org.mesoslogstash.lscl;

import java.util.List;
import java.util.Objects;

/** An {@code if} or {@code else if}: a condition and what runs when it holds. */
public record Clause(Condition condition, List<Statement> body, SourcePosition position) {

    public Clause {
        Objects.requireNonNull(condition, "condition");
        body = List.copyOf(body);
        Objects.requireNonNull(position, "position");
    }

    public Clause(Condition condition, List<Statement> body) {
        this(condition, body, SourcePosition.NONE);
    }
}
