package org.mesoslogstash.lscl;

/** What {@code !} may precede: a parenthesised condition or a field reference. */
public sealed interface Negatable extends Expression permits Parenthesized, Selector {
}
