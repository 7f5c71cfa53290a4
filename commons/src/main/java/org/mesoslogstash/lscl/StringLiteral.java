package org.mesoslogstash.lscl;

import java.util.Objects;

/**
 * A quoted string. {@link #text} is what stands between the quotes, exactly as written: escape
 * sequences are not processed, because their meaning depends on the Logstash setting
 * {@code config.support_escapes} (off by default, when {@code "a\tb"} means backslash, t). Use
 * {@link #value(boolean)} for the value Logstash sees.
 *
 * <p>Whether the string was written with double or single quotes is not kept: the printer writes
 * double quotes, or single quotes when the text holds a {@code "} that no backslash precedes. Text
 * that fits between neither (it would end the string early, or ends with a backslash that would
 * escape the closing quote) is refused.
 */
public record StringLiteral(String text, SourcePosition position) implements Value, RValue, HashKey, MatchPattern {

    public StringLiteral {
        Objects.requireNonNull(text, "text");
        if (!Lexical.fitsBetween(text, '"') && !Lexical.fitsBetween(text, '\'')) {
            throw new IllegalArgumentException("this text cannot be written between double nor single quotes"
                    + " (it holds both unescaped quotes, or ends with a backslash): " + text);
        }
        Objects.requireNonNull(position, "position");
    }

    public StringLiteral(String text) {
        this(text, SourcePosition.NONE);
    }

    /**
     * The value Logstash gives this string. Without escape support it is the text as written. With it
     * ({@code config.support_escapes: true}), {@code \\ \" \' \n \r \t} become the character they
     * name, and a backslash before any other character stays as it is.
     */
    public String value(boolean supportEscapes) {
        if (!supportEscapes || text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '\\', '"', '\'' -> out.append(next);
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                default -> out.append(c).append(next);
            }
            i++;
        }
        return out.toString();
    }
}
