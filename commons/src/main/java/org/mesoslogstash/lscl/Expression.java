package org.mesoslogstash.lscl;

/**
 * One operand of a condition: a parenthesised condition, a negation, a membership test
 * ({@code in}, {@code not in}), a comparison, a regexp match, or a value on its own (true when the
 * field exists and is truthy).
 */
public sealed interface Expression
        permits Negatable, Negation, InExpression, NotInExpression, Comparison, RegexpMatch, RValue {

    SourcePosition position();
}
