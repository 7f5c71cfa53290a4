package org.mesoslogstash.scheduler.configuration;

/** The configuration or the version asked for does not exist (or is deleted); the message says which. */
public final class NoSuchConfigurationException extends RuntimeException {

    public NoSuchConfigurationException(String message) {
        super(message);
    }
}
