package org.mesoslogstash.scheduler.framework;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an invalid option into Spring Boot's short "APPLICATION FAILED TO START" report, so that the
 * operator reads the option and what would be accepted instead of a chain of bean creation errors.
 */
public final class InvalidOptionFailureAnalyzer extends AbstractFailureAnalyzer<InvalidOptionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidOptionException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set the option (as environment variable or --property) to an accepted value; docs/scheduler.md lists every option.",
                cause);
    }
}
