package org.mesoslogstash.config.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mesoslogstash.config.ContainerInput;
import org.mesoslogstash.config.ValidatedConfiguration;
import org.mesoslogstash.lscl.ArrayValue;
import org.mesoslogstash.lscl.Attribute;
import org.mesoslogstash.lscl.Branch;
import org.mesoslogstash.lscl.Clause;
import org.mesoslogstash.lscl.Condition;
import org.mesoslogstash.lscl.HashEntry;
import org.mesoslogstash.lscl.HashValue;
import org.mesoslogstash.lscl.InExpression;
import org.mesoslogstash.lscl.Lscl;
import org.mesoslogstash.lscl.NumberLiteral;
import org.mesoslogstash.lscl.PipelineConfig;
import org.mesoslogstash.lscl.Plugin;
import org.mesoslogstash.lscl.Section;
import org.mesoslogstash.lscl.SectionType;
import org.mesoslogstash.lscl.Selector;
import org.mesoslogstash.lscl.Statement;
import org.mesoslogstash.lscl.StringLiteral;

/**
 * The Logstash pipelines an agent runs for a set of configurations (docs/configurations.md, "What
 * runs on each agent"): a router whose one {@code beats} input takes what the collector sends and
 * passes each event on to the configurations named in {@code [@metadata][mesos_logstash][pipelines]},
 * and per configuration its own pipeline, whose {@code container} inputs became one {@code pipeline}
 * input and a conditional {@code mutate} per input that has {@code type}, {@code tags} or
 * {@code add_field}.
 */
public final class LogstashPipelines {

    /** The router's pipeline id; configuration names cannot take it (they may not start with {@value #PREFIX}). */
    public static final String ROUTER = "mesos-logstash-router";
    /** Prefix of the ids and addresses mesos-logstash owns. */
    public static final String PREFIX = "mesos-logstash-";

    private static final Selector PIPELINES = Selector.of("@metadata", "mesos_logstash", "pipelines");
    private static final Selector RULES = Selector.of("@metadata", "mesos_logstash", "rules");

    private LogstashPipelines() {
    }

    /** The address of a configuration's pipeline input. */
    public static String address(String configuration) {
        return PREFIX + configuration;
    }

    /**
     * Pipeline id to Logstash configuration text, router first, then the configurations in the order
     * given. Without any container input there is no router.
     */
    public static Map<String, String> generate(List<ValidatedConfiguration> configurations, String beatsHost, int beatsPort) {
        Map<String, String> pipelines = new LinkedHashMap<>();
        List<String> routed = configurations.stream().filter(c -> !c.containers().isEmpty()).map(ValidatedConfiguration::name).toList();
        if (!routed.isEmpty()) {
            pipelines.put(ROUTER, Lscl.print(router(routed, beatsHost, beatsPort)));
        }
        for (ValidatedConfiguration configuration : configurations) {
            pipelines.put(configuration.name(), Lscl.print(pipelineOf(configuration)));
        }
        return pipelines;
    }

    static PipelineConfig router(List<String> configurations, String beatsHost, int beatsPort) {
        Plugin beats = new Plugin("beats", List.of(
                new Attribute("host", new StringLiteral(beatsHost)),
                new Attribute("port", new NumberLiteral(Integer.toString(beatsPort)))));
        List<Statement> outputs = new ArrayList<>();
        for (String configuration : configurations) {
            Plugin send = new Plugin("pipeline", List.of(new Attribute("send_to", new ArrayValue(List.of(new StringLiteral(address(configuration)))))));
            outputs.add(when(new StringLiteral(configuration), PIPELINES, send));
        }
        return new PipelineConfig(List.of(new Section(SectionType.INPUT, List.of(beats)), new Section(SectionType.OUTPUT, outputs)));
    }

    static PipelineConfig pipelineOf(ValidatedConfiguration configuration) {
        List<Statement> inputs = new ArrayList<>();
        List<Section> rest = new ArrayList<>();
        if (!configuration.containers().isEmpty()) {
            inputs.add(new Plugin("pipeline", List.of(new Attribute("address", new StringLiteral(address(configuration.name()))))));
        }
        for (Section section : configuration.pipeline().sections()) {
            if (section.type() != SectionType.INPUT) {
                rest.add(section);
                continue;
            }
            section.body().stream()
                    .filter(statement -> !(statement instanceof Plugin plugin && plugin.name().equals(ContainerInput.PLUGIN)))
                    .forEach(inputs::add);
        }
        List<Statement> decorations = new ArrayList<>();
        for (ContainerInput input : configuration.containers()) {
            if (!input.decoration().isEmpty()) {
                decorations.add(when(new StringLiteral(input.id()), RULES, new Plugin("mutate", mutateOptions(input.decoration()))));
            }
        }
        List<Section> sections = new ArrayList<>();
        sections.add(new Section(SectionType.INPUT, inputs));
        if (!decorations.isEmpty()) {
            sections.add(new Section(SectionType.FILTER, decorations));
        }
        sections.addAll(rest);
        return new PipelineConfig(sections);
    }

    /** An input's {@code type}, {@code tags} and {@code add_field} as mutate's common options, values as written. */
    private static List<Attribute> mutateOptions(List<Attribute> decoration) {
        List<Attribute> options = new ArrayList<>();
        for (Attribute attribute : decoration) {
            switch (attribute.name()) {
                case "type" -> options.add(new Attribute("add_field", new HashValue(List.of(new HashEntry(new StringLiteral("type"), attribute.value())))));
                case "tags" -> options.add(new Attribute("add_tag", attribute.value()));
                case "add_field" -> options.add(new Attribute("add_field", attribute.value()));
                default -> throw new IllegalArgumentException("not a decoration: " + attribute.name());
            }
        }
        return options;
    }

    /** {@code if "<item>" in [<collection>] { <then> }} */
    private static Branch when(StringLiteral item, Selector collection, Statement then) {
        return new Branch(List.of(new Clause(new Condition(new InExpression(item, collection)), List.of(then))), null);
    }
}
