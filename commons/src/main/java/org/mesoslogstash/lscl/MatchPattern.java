package org.mesoslogstash.lscl;

/** The right side of {@code =~} and {@code !~}: a regexp literal or a string. */
public sealed interface MatchPattern permits RegexpLiteral, StringLiteral {

    SourcePosition position();
}
