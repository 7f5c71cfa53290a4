package org.mesoslogstash.lscl;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A number as written: {@code -?[0-9]+(\.[0-9]*)?}, e.g. {@code 5044}, {@code -1}, {@code 0.5},
 * {@code 3.}. Kept as text, so that {@code 1.0} and {@code 1.00} stay apart as they are in the file.
 */
public record NumberLiteral(String text, SourcePosition position) implements Value, RValue, HashKey {

    public NumberLiteral {
        Objects.requireNonNull(text, "text");
        if (!Lexical.isNumber(text)) {
            throw new IllegalArgumentException("a number is -?[0-9]+(.[0-9]*)?, was \"" + text + "\"");
        }
        Objects.requireNonNull(position, "position");
    }

    public NumberLiteral(String text) {
        this(text, SourcePosition.NONE);
    }

    /** Whether Logstash reads it as an integer (no decimal point) rather than a float. */
    public boolean isInteger() {
        return text.indexOf('.') < 0;
    }

    public BigDecimal value() {
        return new BigDecimal(text.endsWith(".") ? text + "0" : text);
    }
}
