package org.mesoslogstash.mesos.http;

import java.net.URI;

/**
 * The master (or agent) answered a call with a status other than the expected one. Mesos explains
 * itself in a plain-text body ("Failed to validate scheduler::Call: ..."), kept here as it came.
 */
public final class MesosCallException extends MesosException {

    private final String callType;
    private final URI endpoint;
    private final int status;
    private final String body;

    public MesosCallException(String callType, URI endpoint, int status, String body) {
        super(callType + " to " + endpoint + " answered " + status + (body.isBlank() ? "" : ": " + body.strip()), null);
        this.callType = callType;
        this.endpoint = endpoint;
        this.status = status;
        this.body = body;
    }

    public String callType() {
        return callType;
    }

    public URI endpoint() {
        return endpoint;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    /** 5xx (and 429): the same request may succeed later or at another master. */
    public boolean isServerSide() {
        return status >= 500 || status == 429;
    }
}
