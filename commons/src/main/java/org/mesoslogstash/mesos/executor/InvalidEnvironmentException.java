package org.mesoslogstash.mesos.executor;

/**
 * An environment variable the Mesos agent should have set for the executor is missing or unusable.
 * The message names the variable, its value and what would be accepted.
 */
public final class InvalidEnvironmentException extends IllegalArgumentException {

    private final String variable;

    public InvalidEnvironmentException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    /** The name of the offending variable, such as {@code MESOS_AGENT_ENDPOINT}. */
    public String variable() {
        return variable;
    }
}
