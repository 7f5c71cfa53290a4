package org.mesoslogstash.mesos.http;

import java.net.URI;

/** The master (or agent) could not be reached, or the exchange broke off, or redirects did not end. */
public final class MesosConnectionException extends MesosException {

    private final URI endpoint;

    public MesosConnectionException(String message, URI endpoint, Throwable cause) {
        super(message + " (" + endpoint + ")", cause);
        this.endpoint = endpoint;
    }

    public URI endpoint() {
        return endpoint;
    }
}
