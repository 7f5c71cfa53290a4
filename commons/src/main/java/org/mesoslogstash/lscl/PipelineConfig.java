package org.mesoslogstash.lscl;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole pipeline configuration: its sections in the order written (a section type may appear more
 * than once). Comments are not kept.
 */
public record PipelineConfig(List<Section> sections) {

    public PipelineConfig {
        sections = List.copyOf(sections);
    }

    /**
     * Every use of a plugin, in document order: each plugin statement, followed by the plugins given as
     * its attribute values (codecs, {@link PluginUse#codec()} set), wherever they are nested.
     */
    public List<PluginUse> plugins() {
        List<PluginUse> uses = new ArrayList<>();
        for (Section section : sections) {
            collect(section.type(), section.body(), false, uses);
        }
        return List.copyOf(uses);
    }

    private static void collect(SectionType section, List<Statement> body, boolean conditional, List<PluginUse> uses) {
        for (Statement statement : body) {
            switch (statement) {
                case Plugin plugin -> {
                    uses.add(new PluginUse(section, plugin, conditional, false));
                    collectCodecs(section, plugin, conditional, uses);
                }
                case Branch branch -> {
                    for (Clause clause : branch.clauses()) {
                        collect(section, clause.body(), true, uses);
                    }
                    if (branch.otherwise() != null) {
                        collect(section, branch.otherwise().body(), true, uses);
                    }
                }
            }
        }
    }

    private static void collectCodecs(SectionType section, Plugin plugin, boolean conditional, List<PluginUse> uses) {
        for (Attribute attribute : plugin.attributes()) {
            collectCodecs(section, attribute.value(), conditional, uses);
        }
    }

    private static void collectCodecs(SectionType section, Value value, boolean conditional, List<PluginUse> uses) {
        switch (value) {
            case Plugin codec -> {
                uses.add(new PluginUse(section, codec, conditional, true));
                collectCodecs(section, codec, conditional, uses);
            }
            case ArrayValue array -> array.elements().forEach(v -> collectCodecs(section, v, conditional, uses));
            case HashValue hash -> hash.entries().forEach(e -> collectCodecs(section, e.value(), conditional, uses));
            case Bareword b -> { }
            case StringLiteral s -> { }
            case NumberLiteral n -> { }
        }
    }
}
