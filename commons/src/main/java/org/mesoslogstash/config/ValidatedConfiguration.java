package org.mesoslogstash.config;

import java.util.List;
import java.util.Objects;

import org.mesoslogstash.lscl.PipelineConfig;

/**
 * A configuration that passed validation: its parsed pipeline, the {@code container} inputs read
 * from it, and the warnings that did not stop it.
 */
public record ValidatedConfiguration(Configuration source, PipelineConfig pipeline, List<ContainerInput> containers, List<Problem> warnings) {

    public ValidatedConfiguration {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pipeline, "pipeline");
        containers = List.copyOf(containers);
        warnings = List.copyOf(warnings);
    }

    public String name() {
        return source.name();
    }
}
