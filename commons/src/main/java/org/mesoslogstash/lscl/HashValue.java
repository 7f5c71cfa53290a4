package org.mesoslogstash.lscl;

import java.util.List;
import java.util.Objects;

/** A hash, {@code { "key" => value ... }}; entries keep their order, duplicate keys are kept. */
public record HashValue(List<HashEntry> entries, SourcePosition position) implements Value {

    public HashValue {
        entries = List.copyOf(entries);
        Objects.requireNonNull(position, "position");
    }

    public HashValue(List<HashEntry> entries) {
        this(entries, SourcePosition.NONE);
    }
}
