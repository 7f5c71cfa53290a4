package org.mesoslogstash.lscl;

import java.util.Objects;

/** One {@code key => value} of a hash. */
public record HashEntry(HashKey key, Value value, SourcePosition position) {

    public HashEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    public HashEntry(HashKey key, Value value) {
        this(key, value, SourcePosition.NONE);
    }
}
