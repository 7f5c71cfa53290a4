package org.mesoslogstash.executor.multiline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the lines of a stream are joined into messages (a Java stack trace into one event), with
 * Filebeat's {@code multiline} semantics: a line continues the message being built when
 * {@code pattern} is found in it ({@link Match#AFTER}) or in the line before it ({@link Match#BEFORE}),
 * or, with {@code negate}, when it is not found there.
 *
 * <pre>
 * negate=false match=after : lines that match are appended to the line before them that does not
 * negate=false match=before: lines that match are prepended to the line after them that does not
 * negate=true  match=after : lines that do not match are appended to the line before them that does
 * negate=true  match=before: lines that do not match are prepended to the line after them that does
 * </pre>
 *
 * @param pattern    a Java regular expression, searched for anywhere in the line (as Filebeat does);
 *                   the line is decoded as UTF-8 for that
 * @param negate     whether a line continues the message when the pattern is <em>not</em> found
 * @param match      whether the pattern is looked for in the new line or in the line before it
 * @param maxLines   most lines in one event; a longer message arrives in parts (see {@link MultilineJoiner})
 * @param maxBytes   most bytes in one event, the joining {@code \n}s included; likewise
 * @param flushAfter a message is complete when no line arrived for this long
 */
public record MultilineSettings(Pattern pattern, boolean negate, Match match, int maxLines, int maxBytes, Duration flushAfter) {

    public static final int DEFAULT_MAX_LINES = 500;
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_FLUSH_AFTER = Duration.ofSeconds(5);

    /** Where the pattern is looked for: in the new line, or in the line before it. */
    public enum Match {
        AFTER, BEFORE
    }

    public MultilineSettings {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(flushAfter, "flushAfter");
        if (maxLines < 1 || maxBytes < 1 || flushAfter.isNegative() || flushAfter.isZero()) {
            throw new IllegalArgumentException("maxLines, maxBytes and flushAfter must be positive, were "
                    + maxLines + ", " + maxBytes + ", " + flushAfter);
        }
    }

    /** Whether {@code current} continues the message whose last line so far is {@code previous}. */
    boolean continues(byte[] previous, byte[] current) {
        String text = new String(match == Match.AFTER ? current : previous, StandardCharsets.UTF_8);
        return pattern.matcher(text).find() != negate;
    }

    /** Settings with the same meaning are equal (a {@link Pattern} is compared by its source and flags). */
    @Override
    public boolean equals(Object other) {
        return other instanceof MultilineSettings that
                && pattern.pattern().equals(that.pattern.pattern()) && pattern.flags() == that.pattern.flags()
                && negate == that.negate && match == that.match && maxLines == that.maxLines
                && maxBytes == that.maxBytes && flushAfter.equals(that.flushAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pattern.pattern(), negate, match, maxLines, maxBytes, flushAfter);
    }
}
