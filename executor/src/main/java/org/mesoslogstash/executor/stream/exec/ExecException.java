package org.mesoslogstash.executor.stream.exec;

/** A command could not be started in a container, or Docker could not be asked about it. */
public final class ExecException extends Exception {

    /** Why, so that callers can decide whether retrying can help. */
    public enum Reason {
        /** The container does not exist (any more). */
        CONTAINER_NOT_FOUND,
        /** The container exists but is not running. */
        CONTAINER_NOT_RUNNING,
        /** Docker failed or could not be reached; may work later. */
        DOCKER_FAILED
    }

    private final Reason reason;
    private final String containerId;

    public ExecException(Reason reason, String containerId, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.containerId = containerId;
    }

    public Reason reason() {
        return reason;
    }

    public String containerId() {
        return containerId;
    }
}
