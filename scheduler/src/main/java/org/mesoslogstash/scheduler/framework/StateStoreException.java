package org.mesoslogstash.scheduler.framework;

/** Reading or writing the scheduler's persistent state failed; what and where are in the message. */
public final class StateStoreException extends RuntimeException {

    public StateStoreException(String action, String path, Throwable cause) {
        super("Could not " + action + " " + path + ": " + cause, cause);
    }
}
