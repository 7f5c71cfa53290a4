package org.mesoslogstash.lscl;

import java.util.Objects;

/**
 * {@code /pattern/}. {@link #text} is what stands between the slashes as written, {@code \/} included
 * (Logstash hands it to the regexp engine so). Text with an unescaped {@code /}, or ending with a
 * backslash, cannot be written and is refused.
 */
public record RegexpLiteral(String text, SourcePosition position) implements RValue, MatchPattern {

    public RegexpLiteral {
        Objects.requireNonNull(text, "text");
        if (!Lexical.fitsBetween(text, '/')) {
            throw new IllegalArgumentException(
                    "this text cannot be written between slashes (an unescaped / or a trailing backslash): " + text);
        }
        Objects.requireNonNull(position, "position");
    }

    public RegexpLiteral(String text) {
        this(text, SourcePosition.NONE);
    }
}
