package org.mesoslogstash.mesos.scheduler;

/** A request to the Mesos master failed; the subclass says how, so that retry policy can switch on it. */
public sealed class MesosException extends RuntimeException
        permits MesosCallException, MesosConnectionException, NotSubscribedException {

    MesosException(String message, Throwable cause) {
        super(message, cause);
    }
}
