package org.mesoslogstash.config.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.mesoslogstash.config.ContainerInput;
import org.mesoslogstash.config.Problem;
import org.mesoslogstash.lscl.ArrayValue;
import org.mesoslogstash.lscl.Attribute;
import org.mesoslogstash.lscl.Bareword;
import org.mesoslogstash.lscl.HashEntry;
import org.mesoslogstash.lscl.HashValue;
import org.mesoslogstash.lscl.NumberLiteral;
import org.mesoslogstash.lscl.Plugin;
import org.mesoslogstash.lscl.SourcePosition;
import org.mesoslogstash.lscl.StringLiteral;
import org.mesoslogstash.lscl.Value;
import org.mesoslogstash.matching.ImagePattern;

/**
 * Reads one {@code container { ... }} input into a {@link ContainerInput}, reporting every option that
 * is unknown, given twice, or of the wrong type. Strings are taken as Logstash takes them by default
 * ({@code config.support_escapes} off).
 */
final class ContainerInputReader {

    private static final List<String> OPTIONS = List.of("image", "labels", "marathon_app", "mesos_task", "path", "console",
            "multiline", "type", "tags", "add_field");
    private static final List<String> MULTILINE_OPTIONS = List.of("pattern", "negate", "what", "max_lines", "auto_flush_interval");

    private final List<Problem> problems;

    ContainerInputReader(List<Problem> problems) {
        this.problems = problems;
    }

    /** The input, or empty when it has errors (they were added to the problems). */
    Optional<ContainerInput> read(String id, Plugin plugin) {
        int errorsBefore = errorCount();
        Set<String> seen = new HashSet<>();
        List<String> images = List.of();
        Map<String, String> labels = Map.of();
        String marathonApp = null;
        String mesosTask = null;
        List<String> paths = List.of();
        boolean console = false;
        ContainerInput.Multiline multiline = null;
        List<Attribute> decoration = new ArrayList<>();
        for (Attribute attribute : plugin.attributes()) {
            String name = attribute.name();
            if (!OPTIONS.contains(name)) {
                error(attribute.position(), "the container input has no option \"" + name + "\"; it knows " + String.join(", ", OPTIONS));
                continue;
            }
            if (!seen.add(name)) {
                error(attribute.position(), "the option \"" + name + "\" is given twice");
                continue;
            }
            switch (name) {
                case "image" -> images = imagePatterns(attribute);
                case "labels" -> labels = Objects.requireNonNullElse(stringHash(attribute), Map.of());
                case "marathon_app" -> marathonApp = string(attribute);
                case "mesos_task" -> mesosTask = string(attribute);
                case "path" -> paths = absolutePaths(attribute);
                case "console" -> console = bool(attribute);
                case "multiline" -> multiline = multiline(attribute);
                case "type" -> decorate(attribute, string(attribute) != null, decoration);
                case "tags" -> decorate(attribute, strings(attribute) != null, decoration);
                case "add_field" -> decorate(attribute, stringHash(attribute) != null, decoration);
                default -> throw new IllegalStateException("option without a reader: " + name);
            }
        }
        // Said only when the options were fine: after a misspelt "path", it would repeat the same mistake.
        if (paths.isEmpty() && !console && errorCount() == errorsBefore) {
            error(plugin.position(), "the container input collects nothing: give it a path, or console => true");
        }
        if (errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new ContainerInput(id, images, labels, marathonApp, mesosTask, paths, console, multiline, decoration));
    }

    /** Keeps a valid type, tags or add_field as written, for the pipeline to apply (docs/configurations.md). */
    private static void decorate(Attribute attribute, boolean valid, List<Attribute> decoration) {
        if (valid) {
            decoration.add(attribute);
        }
    }

    private List<String> imagePatterns(Attribute attribute) {
        List<String> patterns = strings(attribute);
        if (patterns == null) {
            return List.of();
        }
        for (String pattern : patterns) {
            try {
                ImagePattern.parse(pattern);
            } catch (IllegalArgumentException e) {
                error(attribute.position(), e.getMessage());
            }
        }
        return patterns;
    }

    private List<String> absolutePaths(Attribute attribute) {
        List<String> paths = strings(attribute);
        if (paths == null) {
            return List.of();
        }
        if (paths.isEmpty()) {
            error(attribute.position(), "path is empty; name at least one file");
        }
        for (String path : paths) {
            if (!path.startsWith("/") || path.contains("\0") || path.contains("\n")) {
                error(attribute.position(), "path \"" + path + "\" must be an absolute path inside the container, like /var/log/app.log");
            }
        }
        return paths;
    }

    /** The multiline settings, or null after reporting what is wrong with them. */
    private ContainerInput.Multiline multiline(Attribute attribute) {
        if (!(attribute.value() instanceof HashValue hash)) {
            wrongType(attribute, "a hash like { pattern => \"^\\s\" what => \"previous\" }");
            return null;
        }
        int errorsBefore = errorCount();
        String pattern = null;
        boolean negate = false;
        ContainerInput.Multiline.What what = null;
        int maxLines = ContainerInput.Multiline.DEFAULT_MAX_LINES;
        int autoFlush = ContainerInput.Multiline.DEFAULT_AUTO_FLUSH_SECONDS;
        for (HashEntry entry : hash.entries()) {
            String key = switch (entry.key()) {
                case StringLiteral s -> s.value(false);
                case Bareword b -> b.text();
                case NumberLiteral n -> n.text();
            };
            Value value = entry.value();
            switch (key) {
                case "pattern" -> {
                    pattern = value instanceof StringLiteral s ? s.value(false) : null;
                    if (pattern == null) {
                        error(entry.position(), "multiline pattern must be a string");
                    } else if (pattern.contains("%{")) {
                        error(entry.position(), "multiline pattern \"" + pattern + "\" uses a grok pattern; the collector joins lines on the agent "
                                + "with a plain regular expression, e.g. \"^\\s\" instead of \"^%{SPACE}\"");
                    } else {
                        try {
                            java.util.regex.Pattern.compile(pattern);
                        } catch (java.util.regex.PatternSyntaxException e) {
                            error(entry.position(), "multiline pattern \"" + pattern + "\" is not a regular expression: " + e.getDescription());
                        }
                    }
                }
                case "negate" -> {
                    String text = value instanceof Bareword b ? b.text() : value instanceof StringLiteral s ? s.value(false) : "";
                    if (!text.equals("true") && !text.equals("false")) {
                        error(entry.position(), "multiline negate must be true or false");
                    }
                    negate = text.equals("true");
                }
                case "what" -> {
                    String text = value instanceof StringLiteral s ? s.value(false) : value instanceof Bareword b ? b.text() : "";
                    switch (text) {
                        case "previous" -> what = ContainerInput.Multiline.What.PREVIOUS;
                        case "next" -> what = ContainerInput.Multiline.What.NEXT;
                        default -> error(entry.position(), "multiline what must be \"previous\" or \"next\"");
                    }
                }
                case "max_lines" -> maxLines = positive(entry, value, "max_lines", maxLines);
                case "auto_flush_interval" -> autoFlush = positive(entry, value, "auto_flush_interval", autoFlush);
                default -> error(entry.position(), "multiline has no option \"" + key + "\"; it knows " + String.join(", ", MULTILINE_OPTIONS));
            }
        }
        if (pattern == null && errorCount() == errorsBefore) {
            error(attribute.position(), "multiline needs a pattern");
        }
        if (what == null && errorCount() == errorsBefore) {
            error(attribute.position(), "multiline needs what => \"previous\" or \"next\"");
        }
        return errorCount() > errorsBefore ? null : new ContainerInput.Multiline(pattern, negate, what, maxLines, autoFlush);
    }

    private int positive(HashEntry entry, Value value, String name, int fallback) {
        if (value instanceof NumberLiteral n && n.text().matches("[1-9][0-9]{0,8}")) {
            return Integer.parseInt(n.text());
        }
        error(entry.position(), "multiline " + name + " must be a whole number of 1 or more");
        return fallback;
    }

    /** A hash of strings, or null after reporting that it is not one. */
    private Map<String, String> stringHash(Attribute attribute) {
        if (!(attribute.value() instanceof HashValue hash)) {
            wrongType(attribute, "a hash of strings, like { \"tier\" => \"web\" }");
            return null;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (HashEntry entry : hash.entries()) {
            String key = switch (entry.key()) {
                case StringLiteral s -> s.value(false);
                case Bareword b -> b.text();
                case NumberLiteral n -> n.text();
            };
            if (entry.value() instanceof StringLiteral s) {
                entries.put(key, s.value(false));
            } else {
                error(entry.position(), "the value of \"" + key + "\" in " + attribute.name() + " must be a string");
            }
        }
        return entries;
    }

    private boolean bool(Attribute attribute) {
        String text = switch (attribute.value()) {
            case Bareword b -> b.text();
            case StringLiteral s -> s.value(false);
            default -> null;
        };
        if ("true".equals(text)) {
            return true;
        }
        if (!"false".equals(text)) {
            wrongType(attribute, "true or false");
        }
        return false;
    }

    /** A string, or null after reporting that it is not one. */
    private String string(Attribute attribute) {
        if (attribute.value() instanceof StringLiteral s) {
            return s.value(false);
        }
        wrongType(attribute, "a string");
        return null;
    }

    /** A string or an array of strings, or null after reporting that it is neither. */
    private List<String> strings(Attribute attribute) {
        switch (attribute.value()) {
            case StringLiteral s -> {
                return List.of(s.value(false));
            }
            case ArrayValue array -> {
                List<String> values = new ArrayList<>();
                for (Value element : array.elements()) {
                    if (!(element instanceof StringLiteral s)) {
                        wrongType(attribute, "a string or an array of strings");
                        return null;
                    }
                    values.add(s.value(false));
                }
                return values;
            }
            default -> {
                wrongType(attribute, "a string or an array of strings");
                return null;
            }
        }
    }

    private void wrongType(Attribute attribute, String expected) {
        error(attribute.position(), "the option \"" + attribute.name() + "\" must be " + expected);
    }

    private void error(SourcePosition at, String message) {
        problems.add(new Problem(Problem.Severity.ERROR, at.line(), at.column(), message));
    }

    private int errorCount() {
        return (int) problems.stream().filter(Problem::isError).count();
    }
}
