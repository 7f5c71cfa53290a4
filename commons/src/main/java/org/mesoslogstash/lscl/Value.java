package org.mesoslogstash.lscl;

/**
 * The value of an attribute, of a hash entry or an element of a list: a plugin (a codec), a bareword
 * (this is how booleans are written: {@code true}, {@code false}), a string, a number, a list or a hash.
 */
public sealed interface Value permits Plugin, Bareword, StringLiteral, NumberLiteral, ArrayValue, HashValue {

    SourcePosition position();
}
