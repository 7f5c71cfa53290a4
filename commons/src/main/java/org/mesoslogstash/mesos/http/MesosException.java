package org.mesoslogstash.mesos.http;

/** A request to a Mesos master or agent failed; the subclass says how, so that retry policy can switch on it. */
public sealed class MesosException extends RuntimeException
        permits MesosCallException, MesosConnectionException, NotSubscribedException {

    MesosException(String message, Throwable cause) {
        super(message, cause);
    }
}
