package org.mesoslogstash.scheduler.framework;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Every option of the scheduler with the value it runs with and where that value came from, secrets
 * masked: what the scheduler logs once at start. Read from the Spring environment with the precedence
 * Spring binds with (arguments, system properties, environment, application.properties), before
 * anything is converted, so it is logged even when a value then turns out to be invalid.
 */
public record EffectiveConfiguration(List<Entry> entries, List<String> unknown) {

    /** Where a value came from. */
    public enum Origin { DEFAULT, ENVIRONMENT, ARGUMENT, SYSTEM_PROPERTY, FILE, NOT_SET }

    /**
     * @param value  as given (masked when secret), the default, or empty when neither
     * @param source the environment variable, argument or file that gave it; empty for defaults
     */
    public record Entry(SchedulerOption option, Optional<String> value, Origin origin, Optional<String> source) {

        /** Where the value came from: {@code default}, {@code environment MESOS_LOGSTASH_MASTER}, {@code argument}... */
        public String where() {
            return switch (origin) {
                case DEFAULT -> "default";
                case NOT_SET -> "not set";
                case ENVIRONMENT -> "environment" + source.map(s -> " " + s).orElse("");
                case ARGUMENT -> "argument";
                case SYSTEM_PROPERTY -> "system property";
                case FILE -> "file" + source.map(s -> " " + s).orElse("");
            };
        }

        @Override
        public String toString() {
            return option.environmentVariable() + " (" + option.property() + ") = " + value.map(v -> "'" + v + "'").orElse("(none)")
                    + " [" + where() + "]";
        }
    }

    /**
     * @param entries every option, in the order of {@link SchedulerOption#all()}
     * @param unknown environment variables named {@code MESOS_LOGSTASH_*} and arguments or system properties
     *                under {@code mesos.logstash.} that are no option of the scheduler: Spring ignores them, so a
     *                misspelt option would silently keep its default
     */
    public EffectiveConfiguration {
        entries = List.copyOf(entries);
        unknown = List.copyOf(unknown);
    }

    public static EffectiveConfiguration of(ConfigurableEnvironment environment) {
        return new EffectiveConfiguration(SchedulerOption.all().stream().map(option -> entry(environment, option)).toList(),
                unknown(environment));
    }

    private static List<String> unknown(ConfigurableEnvironment environment) {
        Set<String> variables = new HashSet<>();
        Set<ConfigurationPropertyName> properties = new HashSet<>();
        for (SchedulerOption option : SchedulerOption.all()) {
            variables.add(option.environmentVariable().replace("_", ""));
            properties.add(ConfigurationPropertyName.of(option.property()));
        }
        Set<String> unknown = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> names)) {
                continue;
            }
            boolean variablesSource = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName());
            boolean propertiesSource = source instanceof CommandLinePropertySource<?>
                    || StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName());
            for (String name : names.getPropertyNames()) {
                if (variablesSource && name.startsWith("MESOS_LOGSTASH_") && !variables.contains(name.replace("_", ""))) {
                    unknown.add(name);
                } else if (propertiesSource && name.startsWith(SchedulerOption.PREFIX + ".")) {
                    ConfigurationPropertyName property = ConfigurationPropertyName.adapt(name, '.');
                    if (properties.stream().noneMatch(known -> known.equals(property) || known.isAncestorOf(property))) {
                        unknown.add(name);
                    }
                }
            }
        }
        return List.copyOf(unknown);
    }

    public Entry entry(String property) {
        return entries.stream().filter(e -> e.option().property().equals(property)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no option " + property));
    }

    /** One line per option, in the order of {@link SchedulerOption#all()}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Effective configuration (docs/configuration-reference.md):");
        entries.forEach(e -> text.append("\n  ").append(e));
        return text.toString();
    }

    private static Entry entry(ConfigurableEnvironment environment, SchedulerOption option) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(option.property());
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property == null || property.getValue() == null) {
                continue;
            }
            if (option == SchedulerOption.SERVER_PORT && !isEnvironmentOrArgument(source)) {
                // application.properties says server.port=${PORT0:8080}: the port comes from PORT0 or is the default.
                String port = environment.getProperty(option.property());
                String variable = environment.getProperty(option.environmentVariable());
                return variable != null
                        ? new Entry(option, Optional.ofNullable(port), Origin.ENVIRONMENT, Optional.of(option.environmentVariable()))
                        : new Entry(option, Optional.ofNullable(port), Origin.DEFAULT, Optional.empty());
            }
            return given(option, property);
        }
        return option.defaultValue()
                .map(d -> new Entry(option, Optional.of(d), Origin.DEFAULT, Optional.empty()))
                .orElseGet(() -> new Entry(option, Optional.empty(), Origin.NOT_SET, Optional.empty()));
    }

    /** The entry of an option whose value a property source gave. */
    static Entry given(SchedulerOption option, ConfigurationProperty property) {
        Optional<String> value = Optional.of(option.shown(String.valueOf(property.getValue())));
        Object underlying = property.getSource() == null ? null : property.getSource().getUnderlyingSource();
        String sourceName = underlying instanceof PropertySource<?> ps ? ps.getName() : String.valueOf(underlying);
        if (underlying instanceof CommandLinePropertySource<?>) {
            return new Entry(option, value, Origin.ARGUMENT, Optional.empty());
        }
        if (StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(sourceName)) {
            return new Entry(option, value, Origin.ENVIRONMENT, variable(property.getOrigin()));
        }
        if (StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(sourceName)) {
            return new Entry(option, value, Origin.SYSTEM_PROPERTY, Optional.empty());
        }
        return new Entry(option, value, Origin.FILE, Optional.ofNullable(property.getOrigin()).map(Object::toString));
    }

    private static boolean isEnvironmentOrArgument(ConfigurationPropertySource source) {
        Object underlying = source.getUnderlyingSource();
        return underlying instanceof CommandLinePropertySource<?> || underlying instanceof PropertySource<?> ps
                && (StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(ps.getName())
                        || StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(ps.getName()));
    }

    /** The variable's name as the operator spelled it (Spring also accepts other spellings of the same option). */
    private static Optional<String> variable(org.springframework.boot.origin.Origin origin) {
        return switch (origin) {
            case SystemEnvironmentOrigin env -> Optional.of(env.getProperty());
            case PropertySourceOrigin source -> Optional.of(source.getPropertyName());
            case null, default -> Optional.empty();
        };
    }
}
