package org.mesoslogstash.lscl;

import java.util.Objects;

/**
 * A plugin setting, {@code name => value}.
 *
 * @param name the name without quotes; the grammar also accepts a quoted name
 */
public record Attribute(String name, Value value, SourcePosition position) {

    public Attribute {
        Lexical.requireName(name, "attribute name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    public Attribute(String name, Value value) {
        this(name, value, SourcePosition.NONE);
    }
}
