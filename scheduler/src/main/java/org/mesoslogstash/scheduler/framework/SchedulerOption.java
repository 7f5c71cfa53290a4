package org.mesoslogstash.scheduler.framework;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.mesoslogstash.scheduler.security.AccessProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One option of the scheduler as the operator names it: its Spring property, its environment variable
 * and its default. {@link #all()} is derived from the record components of {@link SchedulerProperties}
 * (its {@link SchedulerProperties.Executor} included) and {@link AccessProperties} and their
 * {@link DefaultValue}s, so that the list cannot drift from what is bound; the effective configuration
 * log, the messages on invalid values and the test of docs/configuration-reference.md all use it.
 *
 * @param property            the Spring property, e.g. {@code mesos.logstash.executor.cpus}
 * @param environmentVariable the one documented environment variable, e.g. {@code MESOS_LOGSTASH_EXECUTOR_CPUS}
 * @param defaultValue        the text of the default as bound; empty when the option has none
 *                            ({@code ""} for lists means the empty list)
 * @param type                the Java type the value is converted to
 */
public record SchedulerOption(String property, String environmentVariable, Optional<String> defaultValue, Class<?> type) {

    public static final String PREFIX = "mesos.logstash";
    /** Marathon (and the scheduler image) hand the HTTP port in {@code PORT0}; application.properties maps it. */
    public static final SchedulerOption SERVER_PORT = new SchedulerOption("server.port", "PORT0", Optional.of("8080"), int.class);

    private static final List<SchedulerOption> ALL = collect();

    /** Every option, in the order of the records' components, then the HTTP port. */
    public static List<SchedulerOption> all() {
        return ALL;
    }

    public static Optional<SchedulerOption> byProperty(String property) {
        return ALL.stream().filter(o -> o.property.equals(property)).findFirst();
    }

    /** {@code mesos.logstash.framework-name} to {@code MESOS_LOGSTASH_FRAMEWORK_NAME}. */
    public static String environmentVariableOf(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** "Invalid option mesos.logstash.x (MESOS_LOGSTASH_X) = 'value': accepted", the form of every such message. */
    public String invalid(Object value, String accepted) {
        return "Invalid option " + property + " (" + environmentVariable + ") = '" + value + "': " + accepted;
    }

    /** Whether the value must never be shown (it is masked in the log). */
    public boolean secret() {
        return property.equals(PREFIX + ".secret") || property.equals(PREFIX + ".users");
    }

    /**
     * The value as it may be shown: a secret as {@code ***}, the users with their names and roles but
     * not their passwords ({@code alice:operator:***}).
     */
    public String shown(String value) {
        if (value == null || value.isEmpty() || !secret()) {
            return value;
        }
        if (property.equals(PREFIX + ".users")) {
            return Arrays.stream(value.split(",")).map(String::strip).map(entry -> {
                String[] parts = entry.split(":", 3);
                return parts.length < 3 ? "***" : parts[0] + ":" + parts[1] + ":***";
            }).collect(Collectors.joining(","));
        }
        return "***";
    }

    /** What a value of the option's type looks like, for the message on a value that cannot be converted. */
    public String acceptedForm() {
        if (type == double.class || type == Double.class) {
            return "expected a number, such as 0.5 or 256";
        }
        if (type == int.class || type == Integer.class || type == long.class) {
            return "expected a whole number, such as 1000";
        }
        if (type == Duration.class) {
            return "expected a duration: a number with a unit (ms, s, m, h, d) such as 30s, 15m or 7d, or ISO-8601 such as PT30S";
        }
        if (type.isEnum()) {
            return "expected one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == List.class) {
            return "expected comma-separated values";
        }
        return "expected text";
    }

    private static List<SchedulerOption> collect() {
        List<SchedulerOption> options = new ArrayList<>();
        components(SchedulerProperties.class, PREFIX, options);
        components(AccessProperties.class, PREFIX, options);
        options.add(SERVER_PORT);
        return List.copyOf(options);
    }

    private static void components(Class<? extends Record> record, String prefix, List<SchedulerOption> into) {
        RecordComponent[] components = record.getRecordComponents();
        Parameter[] parameters = canonicalConstructor(record).getParameters(); // @DefaultValue annotates these
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String property = prefix + "." + kebab(component.getName());
            if (component.getType().isRecord()) {
                @SuppressWarnings("unchecked")
                Class<? extends Record> nested = (Class<? extends Record>) component.getType();
                components(nested, property, into);
                continue;
            }
            DefaultValue annotation = parameters[i].getAnnotation(DefaultValue.class);
            Optional<String> defaultValue = annotation == null ? Optional.empty() : Optional.of(String.join(",", annotation.value()));
            into.add(new SchedulerOption(property, environmentVariableOf(property), defaultValue, component.getType()));
        }
    }

    private static Constructor<?> canonicalConstructor(Class<? extends Record> record) {
        Class<?>[] types = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return record.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record has its canonical constructor: " + record, e);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
