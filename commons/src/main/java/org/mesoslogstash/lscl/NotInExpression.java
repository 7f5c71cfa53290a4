package org.mesoslogstash.lscl;

import java.util.Objects;

/** {@code item not in collection}. */
public record NotInExpression(RValue item, RValue collection, SourcePosition position) implements Expression {

    public NotInExpression {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(position, "position");
    }

    public NotInExpression(RValue item, RValue collection) {
        this(item, collection, SourcePosition.NONE);
    }
}
