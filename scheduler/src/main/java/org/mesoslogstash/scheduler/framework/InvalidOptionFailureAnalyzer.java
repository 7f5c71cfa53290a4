package org.mesoslogstash.scheduler.framework;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an invalid option into Spring Boot's short "APPLICATION FAILED TO START" report, so that the
 * operator reads the option and what would be accepted instead of a chain of bean creation errors.
 */
public final class InvalidOptionFailureAnalyzer extends AbstractFailureAnalyzer<InvalidOptionException> {

    /** What the operator should do about an invalid option. */
    static final String ACTION = "Set the option (as environment variable or --property) to an accepted value; "
            + "docs/configuration-reference.md lists every option with its default and accepted values.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidOptionException cause) {
        return new FailureAnalysis(cause.getMessage(), ACTION, cause);
    }
}
