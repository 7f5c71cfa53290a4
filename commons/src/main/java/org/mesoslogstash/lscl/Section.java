package org.mesoslogstash.lscl;

import java.util.List;
import java.util.Objects;

/** One {@code input { ... }}, {@code filter { ... }} or {@code output { ... }} block. */
public record Section(SectionType type, List<Statement> body, SourcePosition position) {

    public Section {
        Objects.requireNonNull(type, "type");
        body = List.copyOf(body);
        Objects.requireNonNull(position, "position");
    }

    public Section(SectionType type, List<Statement> body) {
        this(type, body, SourcePosition.NONE);
    }
}
