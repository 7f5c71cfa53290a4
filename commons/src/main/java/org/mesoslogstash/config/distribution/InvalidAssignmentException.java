package org.mesoslogstash.config.distribution;

/**
 * Bytes that should have held a {@link CollectorAssignment} do not: not protobuf, or without a
 * version. The message says what was wrong with them.
 */
public final class InvalidAssignmentException extends RuntimeException {

    public InvalidAssignmentException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidAssignmentException(String message) {
        super(message);
    }
}
