package org.mesoslogstash.config.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.config.ContainerInput;
import org.mesoslogstash.config.Problem;
import org.mesoslogstash.config.ValidatedConfiguration;
import org.mesoslogstash.config.pipeline.LogstashPipelines;
import org.mesoslogstash.lscl.Lscl;
import org.mesoslogstash.lscl.ParseResult;
import org.mesoslogstash.lscl.PipelineConfig;
import org.mesoslogstash.lscl.PluginUse;
import org.mesoslogstash.lscl.SectionType;
import org.mesoslogstash.lscl.SyntaxError;

/**
 * Decides whether a configuration may go to the agents, before it goes anywhere: its name, its
 * syntax, its {@code container} inputs, and the {@link PluginPolicy}. Every problem is reported at
 * once, each with its line and column, so that an operator fixes them in one round.
 */
public final class ConfigurationValidator {

    private final PluginPolicy policy;

    public ConfigurationValidator(PluginPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Either the validated configuration (with its warnings) or every problem found. */
    public sealed interface Result {
        List<Problem> problems();
    }

    public record Valid(ValidatedConfiguration configuration) implements Result {
        @Override
        public List<Problem> problems() {
            return configuration.warnings();
        }
    }

    public record Invalid(List<Problem> problems) implements Result {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    public Result validate(Configuration configuration) {
        List<Problem> problems = new ArrayList<>();
        if (!Configuration.NAME.matcher(configuration.name()).matches()) {
            problems.add(new Problem(Problem.Severity.ERROR, 0, 0, "the name \"" + configuration.name()
                    + "\" must be 1 to 64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit (it becomes the Logstash pipeline id)"));
        } else if (configuration.name().startsWith(LogstashPipelines.PREFIX)) {
            problems.add(new Problem(Problem.Severity.ERROR, 0, 0, "the name \"" + configuration.name() + "\" may not start with \""
                    + LogstashPipelines.PREFIX + "\": mesos-logstash names its own pipelines so"));
        }
        PipelineConfig pipeline;
        switch (Lscl.parse(configuration.text())) {
            case ParseResult.Invalid invalid -> {
                for (SyntaxError error : invalid.errors()) {
                    problems.add(new Problem(Problem.Severity.ERROR, error.line(), error.column(), error.message()));
                }
                return new Invalid(problems);
            }
            case ParseResult.Parsed parsed -> pipeline = parsed.config();
        }
        List<ContainerInput> containers = new ArrayList<>();
        ContainerInputReader reader = new ContainerInputReader(problems);
        boolean hasInput = false;
        for (PluginUse use : pipeline.plugins()) {
            boolean containerInput = !use.codec() && use.section() == SectionType.INPUT && use.plugin().name().equals(ContainerInput.PLUGIN);
            hasInput |= !use.codec() && use.section() == SectionType.INPUT;
            if (containerInput) {
                if (use.conditional()) {
                    error(problems, use, "inputs cannot stand inside a conditional");
                }
                reader.read(configuration.name() + "#" + (containers.size() + 1), use.plugin()).ifPresent(containers::add);
            } else if (use.plugin().name().equals(ContainerInput.PLUGIN)) {
                error(problems, use, "\"container\" is an input; it cannot be used as " + (use.codec() ? "a codec" : "a " + use.section().keyword()));
            } else {
                policy.judge(use).ifPresent(problems::add);
            }
        }
        if (!hasInput) {
            problems.add(new Problem(Problem.Severity.ERROR, 0, 0, "the configuration has no input: add a container input (docs/configurations.md)"));
        }
        if (problems.stream().anyMatch(Problem::isError)) {
            return new Invalid(problems);
        }
        return new Valid(new ValidatedConfiguration(configuration, pipeline, containers, problems));
    }

    private static void error(List<Problem> problems, PluginUse use, String message) {
        problems.add(new Problem(Problem.Severity.ERROR, use.plugin().position().line(), use.plugin().position().column(), message));
    }
}
