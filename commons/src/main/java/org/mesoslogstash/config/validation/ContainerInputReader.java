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
            "type", "tags", "add_field");

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
        return Optional.of(new ContainerInput(id, images, labels, marathonApp, mesosTask, paths, console, decoration));
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
