package org.mesoslogstash.lscl;

import java.util.Objects;

/**
 * An unquoted word: a letter or {@code _}, then at least one letter, digit or {@code _} (the grammar
 * needs two characters at least). Booleans are barewords: {@code true}, {@code false}.
 */
public record Bareword(String text, SourcePosition position) implements Value, HashKey {

    public Bareword {
        Objects.requireNonNull(text, "text");
        if (!Lexical.isBareword(text)) {
            throw new IllegalArgumentException("a bareword is [A-Za-z_][A-Za-z0-9_]+, was \"" + text + "\"");
        }
        Objects.requireNonNull(position, "position");
    }

    public Bareword(String text) {
        this(text, SourcePosition.NONE);
    }
}
