package org.mesoslogstash.executor.discovery;

/** The Docker daemon did not answer a discovery call; {@code action} says which. */
public class ContainerDirectoryException extends RuntimeException {

    private final String action;

    public ContainerDirectoryException(String action, Throwable cause) {
        super(action + " failed: " + (cause == null ? "unknown cause" : cause.getMessage()), cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
