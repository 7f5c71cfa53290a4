package org.mesoslogstash.lscl;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A field reference, {@code [a][b]}. Each element is the text between one pair of brackets, as
 * written (the grammar takes any characters but {@code [ ] ,}, spaces included).
 */
public record Selector(List<String> elements, SourcePosition position) implements RValue, Negatable {

    public Selector {
        elements = List.copyOf(elements);
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("a field reference has one element at least");
        }
        for (String element : elements) {
            if (element.isEmpty() || element.chars().anyMatch(c -> c == '[' || c == ']' || c == ',')) {
                throw new IllegalArgumentException(
                        "a field reference element is one or more characters other than [ ] , - was \"" + element + "\"");
            }
        }
        Objects.requireNonNull(position, "position");
    }

    public Selector(List<String> elements) {
        this(elements, SourcePosition.NONE);
    }

    /** Builds {@code [a][b]...} from its element names. */
    public static Selector of(String... elements) {
        return new Selector(List.of(elements));
    }

    /** The reference as written, e.g. {@code [a][b]}. */
    public String path() {
        return elements.stream().map(e -> "[" + e + "]").collect(Collectors.joining());
    }
}
