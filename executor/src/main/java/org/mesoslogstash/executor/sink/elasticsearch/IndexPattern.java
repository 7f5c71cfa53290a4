package org.mesoslogstash.executor.sink.elasticsearch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.SourceMetadata;

/**
 * The name of the index an event is written to, from a Logstash-style pattern such as
 * {@code mesos-logstash-%{+yyyy.MM.dd}} or {@code logs-%{[container][image][name]}-%{+xxxx.ww}}.
 *
 * <ul>
 *   <li>{@code %{+<date>}}: the event's {@code @timestamp} in UTC, with Joda-style letters as
 *       Logstash uses them: {@code yyyy}/{@code yy} year, {@code MM}/{@code M} month, {@code dd}/{@code d}
 *       day of month, {@code DDD} day of year, {@code HH}/{@code H} hour, {@code mm} minute,
 *       {@code xxxx} ISO week-based year, {@code ww}/{@code w} ISO week. Any other character that is
 *       not a letter is copied; text in single quotes is copied too.</li>
 *   <li>{@code %{[a][b]}}: a field of the event's metadata, one of {@link #FIELDS} or
 *       {@code [container][labels][<name>]}. The value is lower-cased, cut to {@value #MAX_FIELD_CHARS}
 *       characters, and every character an index name may not contain becomes {@code _}; a missing
 *       value becomes {@code none}. A name that would start with {@code -}, {@code _} or {@code +}
 *       loses those characters.</li>
 * </ul>
 *
 * Anything else is rejected when the pattern is parsed, so a bad pattern is a configuration error
 * and never an index-creation failure at run time. Thread-safe.
 */
public final class IndexPattern {

    /** The metadata fields a pattern may name, as Logstash field references. */
    public static final Map<String, Function<SourceMetadata, String>> FIELDS = Map.of(
            "[container][id]", SourceMetadata::containerId,
            "[container][name]", SourceMetadata::containerName,
            "[container][image][name]", SourceMetadata::image,
            "[host][name]", SourceMetadata::agentHost,
            "[mesos][task_id]", SourceMetadata::mesosTaskId,
            "[mesos][framework_id]", SourceMetadata::mesosFrameworkId,
            "[marathon][app_id]", SourceMetadata::marathonAppId);

    private static final String LABEL_PREFIX = "[container][labels][";
    static final int MAX_FIELD_CHARS = 64;
    private static final String INVALID_INDEX_CHARS = "\\/*?\"<>| ,#:";

    private final String pattern;
    private final List<Part> parts;
    private final boolean dependsOnEvent;

    private IndexPattern(String pattern, List<Part> parts) {
        this.pattern = pattern;
        this.parts = List.copyOf(parts);
        this.dependsOnEvent = parts.stream().anyMatch(part -> !(part instanceof Literal));
    }

    /**
     * @throws IllegalArgumentException naming what is wrong in the pattern and what is accepted
     */
    public static IndexPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        List<Part> parts = new ArrayList<>();
        int i = 0;
        StringBuilder literal = new StringBuilder();
        while (i < pattern.length()) {
            if (pattern.startsWith("%{", i)) {
                int end = pattern.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("\"%{\" at " + i + " is not closed with \"}\"");
                }
                if (!literal.isEmpty()) {
                    parts.add(literal(literal.toString()));
                    literal.setLength(0);
                }
                String reference = pattern.substring(i + 2, end);
                if (reference.startsWith("+")) {
                    parts.add(new DatePart(reference.substring(1), dateFormatter(reference.substring(1))));
                } else if (reference.startsWith("[")) {
                    parts.add(field(reference));
                } else {
                    throw new IllegalArgumentException("%{" + reference + "}: use %{+<date pattern>} for the event's date or %{[field]} for a field, such as %{[container][name]}");
                }
                i = end + 1;
            } else {
                literal.append(pattern.charAt(i++));
            }
        }
        if (!literal.isEmpty()) {
            parts.add(literal(literal.toString()));
        }
        char first = pattern.charAt(0);
        if (first == '-' || first == '_' || first == '+') {
            throw new IllegalArgumentException("an index name must not start with '-', '_' or '+'");
        }
        return new IndexPattern(pattern, parts);
    }

    /** The index for {@code event}. */
    public String indexFor(LogEvent event) {
        if (!dependsOnEvent) {
            return pattern;
        }
        StringBuilder name = new StringBuilder(pattern.length() + 16);
        ZonedDateTime time = null;
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> name.append(literal.text);
                case DatePart date -> {
                    if (time == null) {
                        time = event.timestamp().atZone(ZoneOffset.UTC);
                    }
                    date.formatter.formatTo(time, name);
                }
                case FieldPart field -> name.append(sanitise(field.value.apply(event.source())));
            }
        }
        // Only a field's value can bring these to the front (parse() refuses them in the pattern).
        while (!name.isEmpty() && "-_+".indexOf(name.charAt(0)) >= 0) {
            name.deleteCharAt(0);
        }
        return name.isEmpty() ? "none" : name.toString();
    }

    /** The index for an event at {@code timestamp} whose fields are all missing: for figures and docs. */
    String indexAt(Instant timestamp) {
        StringBuilder name = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> name.append(literal.text);
                case DatePart date -> date.formatter.formatTo(timestamp.atZone(ZoneOffset.UTC), name);
                case FieldPart field -> name.append("none");
            }
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return pattern;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IndexPattern that && pattern.equals(that.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    private static Literal literal(String text) {
        for (int c = 0; c < text.length(); c++) {
            char ch = text.charAt(c);
            if (Character.isUpperCase(ch)) {
                throw new IllegalArgumentException("\"" + text + "\": index names must be lower case");
            }
            if (INVALID_INDEX_CHARS.indexOf(ch) >= 0) {
                throw new IllegalArgumentException("\"" + text + "\": index names must not contain '" + ch + "'");
            }
        }
        return new Literal(text);
    }

    private static FieldPart field(String reference) {
        Function<SourceMetadata, String> value = FIELDS.get(reference);
        if (value == null && reference.startsWith(LABEL_PREFIX) && reference.endsWith("]")
                && reference.length() > LABEL_PREFIX.length() + 1) {
            String label = reference.substring(LABEL_PREFIX.length(), reference.length() - 1);
            value = metadata -> metadata.labels().get(label);
        }
        if (value == null) {
            throw new IllegalArgumentException("%{" + reference + "}: unknown field; known fields are "
                    + FIELDS.keySet().stream().sorted().toList() + " and " + LABEL_PREFIX + "<label name>]");
        }
        return new FieldPart(value);
    }

    /**
     * Lower case, '_' for each character an index name may not contain, and at most
     * {@value #MAX_FIELD_CHARS} characters, so that a long label cannot make the name longer than
     * Elasticsearch's 255 bytes (which would fail every document, dead letters included).
     */
    static String sanitise(String value) {
        if (value == null || value.isEmpty()) {
            return "none";
        }
        int length = Math.min(value.length(), MAX_FIELD_CHARS);
        StringBuilder clean = new StringBuilder(length);
        for (int c = 0; c < length; c++) {
            char ch = Character.toLowerCase(value.charAt(c));
            clean.append(INVALID_INDEX_CHARS.indexOf(ch) >= 0 || Character.isWhitespace(ch) ? '_' : ch);
        }
        return clean.toString();
    }

    /** Joda-style letters (as in Logstash's {@code %{+...}}) to a java.time formatter over explicit fields. */
    static DateTimeFormatter dateFormatter(String letters) {
        if (letters.isEmpty()) {
            throw new IllegalArgumentException("%{+}: a date pattern is needed, such as %{+yyyy.MM.dd}");
        }
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder();
        int i = 0;
        while (i < letters.length()) {
            char ch = letters.charAt(i);
            int run = 1;
            while (i + run < letters.length() && letters.charAt(i + run) == ch) {
                run++;
            }
            if (ch == '\'') {
                int close = letters.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("%{+" + letters + "}: quote not closed");
                }
                builder.appendLiteral(literal(letters.substring(i + 1, close)).text);
                i = close + 1;
                continue;
            }
            if (Character.isLetter(ch)) {
                appendField(builder, letters, ch, run);
            } else {
                builder.appendLiteral(literal(String.valueOf(ch).repeat(run)).text);
            }
            i += run;
        }
        return builder.toFormatter(Locale.ROOT);
    }

    private static void appendField(DateTimeFormatterBuilder builder, String letters, char letter, int run) {
        TemporalField field = switch (letter) {
            case 'y', 'Y' -> ChronoField.YEAR;
            case 'x' -> IsoFields.WEEK_BASED_YEAR;
            case 'w' -> IsoFields.WEEK_OF_WEEK_BASED_YEAR;
            case 'M' -> ChronoField.MONTH_OF_YEAR;
            case 'd' -> ChronoField.DAY_OF_MONTH;
            case 'D' -> ChronoField.DAY_OF_YEAR;
            case 'H' -> ChronoField.HOUR_OF_DAY;
            case 'm' -> ChronoField.MINUTE_OF_HOUR;
            default -> throw new IllegalArgumentException("%{+" + letters + "}: '" + letter
                    + "' is not supported; use y (year), x (week-based year), w (week), M (month, numeric), "
                    + "d (day of month), D (day of year), H (hour), m (minute)");
        };
        boolean year = letter == 'y' || letter == 'Y' || letter == 'x';
        if (letter == 'M' && run > 2) {
            throw new IllegalArgumentException("%{+" + letters + "}: month names (MMM) are not supported; index names need MM");
        }
        if (year && run == 2) {
            builder.appendValueReduced(field, 2, 2, 2000);
        } else if (year) {
            builder.appendValue(field, Math.max(run, 4), 10, SignStyle.NORMAL);
        } else if (run == 1) {
            builder.appendValue(field);
        } else {
            builder.appendValue(field, run);
        }
    }

    private sealed interface Part {
    }

    private record Literal(String text) implements Part {
    }

    private record DatePart(String letters, DateTimeFormatter formatter) implements Part {
    }

    private record FieldPart(Function<SourceMetadata, String> value) implements Part {
    }
}
