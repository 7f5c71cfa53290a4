package org.mesoslogstash.config.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.mesoslogstash.config.Problem;
import org.mesoslogstash.lscl.PluginUse;
import org.mesoslogstash.lscl.SectionType;

/**
 * Which Logstash plugins a configuration may use. A configuration reaches every agent of the cluster,
 * so plugins that run code or commands there are refused unless the operator allowed them by name;
 * the pipeline-to-pipeline plugins are refused because the executor's router owns those addresses;
 * a plugin Logstash does not bundle is a warning (it may be installed in the executor image, but a
 * misspelling is likelier).
 */
public final class PluginPolicy {

    /** Plugins that run code or commands on the agent, or write files anywhere on it (which amounts to the same). */
    private static final Map<SectionType, Map<String, String>> RUNS_ON_AGENT = Map.of(
            SectionType.INPUT, Map.of(
                    "exec", "runs a command on the agent",
                    "pipe", "runs a command on the agent",
                    "jdbc", "loads Java code from a jar on the agent (jdbc_driver_library)"),
            SectionType.FILTER, Map.of(
                    "ruby", "runs Ruby code on the agent",
                    "jdbc_static", "loads Java code from a jar on the agent (jdbc_driver_library)",
                    "jdbc_streaming", "loads Java code from a jar on the agent (jdbc_driver_library)"),
            SectionType.OUTPUT, Map.of(
                    "exec", "runs a command on the agent",
                    "pipe", "runs a command on the agent",
                    "file", "writes to any path of the agent"));

    /** The plugins Logstash bundles: per section, and the codecs. */
    private record Bundled(Map<SectionType, Set<String>> plugins, Set<String> codecs) {
    }

    private static final Bundled BUNDLED = readBundled();

    private final Set<String> allowed;

    /** @param allowed names of plugins that run code on the agent and are allowed nonetheless (e.g. "ruby") */
    public PluginPolicy(Set<String> allowed) {
        this.allowed = Set.copyOf(Objects.requireNonNull(allowed, "allowed"));
    }

    /** Nothing that runs code on the agent allowed. */
    public static PluginPolicy strict() {
        return new PluginPolicy(Set.of());
    }

    /**
     * Everything allowed: for an executor, which runs what the scheduler already judged under the
     * operator's policy and does not know that policy itself.
     */
    public static PluginPolicy trusting() {
        Set<String> all = new HashSet<>();
        RUNS_ON_AGENT.values().forEach(plugins -> all.addAll(plugins.keySet()));
        return new PluginPolicy(all);
    }

    /** What this policy says about one plugin use; empty when it has nothing to say. */
    public Optional<Problem> judge(PluginUse use) {
        String name = use.plugin().name();
        int line = use.plugin().position().line();
        int column = use.plugin().position().column();
        String kind = use.codec() ? "codec" : use.section().keyword();
        if (!use.codec()) {
            String danger = RUNS_ON_AGENT.get(use.section()).get(name);
            if (danger != null && !allowed.contains(name)) {
                return Optional.of(new Problem(Problem.Severity.ERROR, line, column, "the " + kind + " plugin \"" + name + "\" " + danger
                        + " and is refused; the scheduler option MESOS_LOGSTASH_ALLOWED_PLUGINS can allow it"));
            }
            if (name.equals("pipeline") && use.section() != SectionType.FILTER) {
                return Optional.of(new Problem(Problem.Severity.ERROR, line, column, "the " + kind
                        + " plugin \"pipeline\" is refused: mesos-logstash connects the pipelines itself (docs/configurations.md)"));
            }
        }
        Set<String> bundled = use.codec() ? BUNDLED.codecs() : BUNDLED.plugins().get(use.section());
        if (!bundled.contains(name)) {
            return Optional.of(new Problem(Problem.Severity.WARNING, line, column, "\"" + name + "\" is not a " + kind
                    + " plugin that Logstash bundles; it must be installed in the executor image"));
        }
        return Optional.empty();
    }

    private static Bundled readBundled() {
        Map<SectionType, Set<String>> plugins = new EnumMap<>(SectionType.class);
        for (SectionType type : SectionType.values()) {
            plugins.put(type, new HashSet<>());
        }
        Set<String> codecs = new HashSet<>();
        try (InputStream in = PluginPolicy.class.getResourceAsStream("bundled-plugins.txt")) {
            if (in == null) {
                throw new IllegalStateException("bundled-plugins.txt is missing from the classpath");
            }
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> words = List.of(line.trim().split("\\s+"));
                Set<String> target = words.get(0).equals("codec") ? codecs : plugins.get(SectionType.valueOf(words.get(0).toUpperCase(Locale.ROOT)));
                target.addAll(words.subList(1, words.size()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading bundled-plugins.txt", e);
        }
        plugins.replaceAll((type, names) -> Set.copyOf(names));
        return new Bundled(Map.copyOf(plugins), Set.copyOf(codecs));
    }
}
