package org.mesoslogstash.executor.logstash;

/**
 * Logstash's monitoring API could not be read: not listening (yet), an HTTP error, or an answer
 * that is not the documented JSON. Carries the URL and, for HTTP errors, the status and body.
 */
public final class LogstashApiException extends Exception {

    private final String url;
    private final int status;

    public LogstashApiException(String url, int status, String detail, Throwable cause) {
        super("Logstash API " + url + (status > 0 ? " answered " + status : "") + ": " + detail, cause);
        this.url = url;
        this.status = status;
    }

    public String url() {
        return url;
    }

    /** The HTTP status, or 0 if there was no answer. */
    public int status() {
        return status;
    }
}
