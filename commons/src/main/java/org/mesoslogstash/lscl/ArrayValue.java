package org.mesoslogstash.lscl;

import java.util.List;
import java.util.Objects;

/**
 * A list, {@code [a, b]}. As an attribute value its elements are any values; in a condition too (the
 * grammar reads them as values, not as field references). Note the grammar's quirk in conditions:
 * {@code ["a"]} with one element and no {@code [ ] ,} inside is a field reference, not a list; the
 * printer writes such one-element lists so that they stay lists.
 */
public record ArrayValue(List<Value> elements, SourcePosition position) implements Value, RValue {

    public ArrayValue {
        elements = List.copyOf(elements);
        Objects.requireNonNull(position, "position");
    }

    public ArrayValue(List<Value> elements) {
        this(elements, SourcePosition.NONE);
    }
}
