package org.mesoslogstash.lscl;

import java.util.List;
import java.util.Objects;

/**
 * A plugin, either as a statement ({@code grok { match => ... }}) or as the value of an attribute
 * ({@code codec => json { charset => "UTF-8" }}). Attributes keep their order, and duplicates are kept
 * (Logstash merges some of them later, e.g. two {@code match} hashes).
 *
 * @param name the name without quotes; the grammar also accepts a quoted name
 */
public record Plugin(String name, List<Attribute> attributes, SourcePosition position) implements Statement, Value {

    public Plugin {
        Lexical.requireName(name, "plugin name");
        attributes = List.copyOf(attributes);
        Objects.requireNonNull(position, "position");
    }

    public Plugin(String name, List<Attribute> attributes) {
        this(name, attributes, SourcePosition.NONE);
    }

    /** The attributes with this name, in order (usually one; none when the setting is absent). */
    public List<Attribute> attributesNamed(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).toList();
    }
}
