package org.mesoslogstash.executor.assignment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;

import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.config.ContainerInput;
import org.mesoslogstash.config.ValidatedConfiguration;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.config.pipeline.LogstashPipelines;
import org.mesoslogstash.config.validation.ConfigurationValidator;
import org.mesoslogstash.config.validation.PluginPolicy;
import org.mesoslogstash.executor.collector.CollectRule;
import org.mesoslogstash.executor.collector.CollectorConfig;
import org.mesoslogstash.executor.collector.CollectorConfigReader;
import org.mesoslogstash.executor.collector.ConfigException;
import org.mesoslogstash.executor.collector.RunningCollector;
import org.mesoslogstash.executor.matching.ContainerSelector;
import org.mesoslogstash.executor.multiline.MultilineSettings;

/**
 * Turns an assignment into an {@link AgentPlan}: the collector settings as {@link CollectorConfigReader}
 * reads them, one collection rule per container input of every configuration (routed to its
 * pipeline), and, for the executor's own Logstash, the pipelines {@link LogstashPipelines} generates.
 * The scheduler validated the configurations under the operator's plugin policy; they are parsed
 * again here (trusting that policy) because the executor needs their container inputs, and a
 * configuration that no longer parses is refused like bad settings.
 */
public final class AgentPlanner {

    private final CollectorConfigReader reader;
    private final ConfigurationValidator validator = new ConfigurationValidator(PluginPolicy.trusting());

    public AgentPlanner(CollectorConfigReader reader) {
        this.reader = reader;
    }

    /** @throws ConfigException naming every problem of the settings or the configurations */
    public AgentPlan plan(CollectorAssignment assignment) {
        String source = "version " + assignment.version();
        CollectorConfig settings = reader.readSettings(assignment.collectorConfigJson(), source);
        List<ValidatedConfiguration> configurations = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Configuration configuration : assignment.configurations()) {
            switch (validator.validate(configuration)) {
                case ConfigurationValidator.Valid valid -> configurations.add(valid.configuration());
                case ConfigurationValidator.Invalid invalid -> invalid.problems().stream().filter(p -> p.isError())
                        .forEach(p -> problems.add("configuration " + configuration.name() + ": " + p));
            }
        }
        if (settings.sink() instanceof CollectorConfig.SinkConfig.ManagedLogstash && !settings.rules().isEmpty()) {
            // Their lines would reach the router with no pipeline to go to.
            problems.add("$.collect: with the \"logstash\" sink, say what to collect in configurations (docs/configurations.md), "
                    + "whose pipelines receive the lines; rules here belong to no pipeline");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        List<CollectRule> rules = new ArrayList<>(settings.rules());
        configurations.forEach(c -> c.containers().forEach(input -> rules.add(rule(input))));
        CollectorConfig collector = new CollectorConfig(settings.agentHost(), settings.docker(), settings.checkpointDir(),
                settings.maxLineBytes(), settings.maxUnacknowledged(), settings.resyncInterval(), settings.sink(), rules);
        LinkedHashMap<String, String> pipelines = new LinkedHashMap<>();
        if (settings.sink() instanceof CollectorConfig.SinkConfig.ManagedLogstash logstash) {
            pipelines.putAll(LogstashPipelines.generate(configurations, RunningCollector.LOCAL_LOGSTASH, logstash.port()));
        }
        return new AgentPlan(collector, pipelines);
    }

    static CollectRule rule(ContainerInput input) {
        ContainerSelector selector = new ContainerSelector(input.images(), input.labels(), input.marathonApp(), input.mesosTask());
        return new CollectRule(input.id(), selector, input.paths(), input.console(), input.configuration(), multiline(input.multiline()));
    }

    private static MultilineSettings multiline(ContainerInput.Multiline multiline) {
        if (multiline == null) {
            return null;
        }
        // Logstash's "previous": a line that matches joins the line before it, which is Filebeat's "after".
        MultilineSettings.Match match = multiline.what() == ContainerInput.Multiline.What.PREVIOUS
                ? MultilineSettings.Match.AFTER : MultilineSettings.Match.BEFORE;
        return new MultilineSettings(Pattern.compile(multiline.pattern()), multiline.negate(), match, multiline.maxLines(),
                MultilineSettings.DEFAULT_MAX_BYTES, Duration.ofSeconds(multiline.autoFlushSeconds()));
    }
}
