package org.mesoslogstash.lscl;

/**
 * A value in a condition: a string, a number, a field reference, a list, a method call or a regexp.
 */
public sealed interface RValue extends Expression
        permits StringLiteral, NumberLiteral, Selector, ArrayValue, MethodCall, RegexpLiteral {
}
