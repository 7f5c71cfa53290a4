package org.mesoslogstash.lscl;

import java.util.Objects;

/** {@code item in collection}. */
public record InExpression(RValue item, RValue collection, SourcePosition position) implements Expression {

    public InExpression {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(position, "position");
    }

    public InExpression(RValue item, RValue collection) {
        this(item, collection, SourcePosition.NONE);
    }
}
