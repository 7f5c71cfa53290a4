package org.mesoslogstash.executor.logstash;

/**
 * Logstash could not be brought to the wanted state: not installed, did not start or reload in
 * time, or exited. The message says what happened and what the operator can do, and ends with
 * Logstash's last output lines when they tell why.
 */
public class LogstashException extends Exception {

    public LogstashException(String message) {
        super(message);
    }

    public LogstashException(String message, Throwable cause) {
        super(message, cause);
    }
}
