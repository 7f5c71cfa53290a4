package org.mesoslogstash.lscl;

import java.util.List;
import java.util.Objects;

/** What {@link Lscl#parse(String)} answers: the tree, or the errors. */
public sealed interface ParseResult {

    /** The text is a valid configuration. */
    record Parsed(PipelineConfig config) implements ParseResult {

        public Parsed {
            Objects.requireNonNull(config, "config");
        }
    }

    /** The text is not a valid configuration; the first error comes first (today it is the only one). */
    record Invalid(List<SyntaxError> errors) implements ParseResult {

        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid result has an error at least");
            }
        }
    }
}
