package org.mesoslogstash.lscl;

import java.util.Objects;

/** {@code left =~ /pattern/} or {@code left !~ "pattern"}: the pattern is a regexp or a string. */
public record RegexpMatch(RValue left, RegexpOperator operator, MatchPattern pattern, SourcePosition position)
        implements Expression {

    public RegexpMatch {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(position, "position");
    }

    public RegexpMatch(RValue left, RegexpOperator operator, MatchPattern pattern) {
        this(left, operator, pattern, SourcePosition.NONE);
    }
}
