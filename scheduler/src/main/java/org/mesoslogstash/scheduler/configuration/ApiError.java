package org.mesoslogstash.scheduler.configuration;

import java.util.List;

import org.mesoslogstash.config.Problem;

/**
 * The body of every error answer of the API: what is wrong, and for a configuration every problem with
 * its severity, line and column (1-based; 0 when it concerns the configuration as a whole).
 */
public record ApiError(String error, List<Problem> problems) {

    public ApiError {
        problems = List.copyOf(problems);
    }

    public static ApiError of(String error) {
        return new ApiError(error, List.of());
    }
}
