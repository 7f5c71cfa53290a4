package org.mesoslogstash.lscl;

/** A key of a hash entry: a number, a bareword or a string. */
public sealed interface HashKey permits NumberLiteral, Bareword, StringLiteral {

    SourcePosition position();
}
