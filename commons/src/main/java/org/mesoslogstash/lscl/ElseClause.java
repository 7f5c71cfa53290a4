package org.mesoslogstash.lscl;

import java.util.List;
import java.util.Objects;

/** The {@code else} block of a branch. */
public record ElseClause(List<Statement> body, SourcePosition position) {

    public ElseClause {
        body = List.copyOf(body);
        Objects.requireNonNull(position, "position");
    }

    public ElseClause(List<Statement> body) {
        this(body, SourcePosition.NONE);
    }
}
