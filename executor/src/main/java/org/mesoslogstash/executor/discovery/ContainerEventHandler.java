package org.mesoslogstash.executor.discovery;

/** Receives a {@link ContainerDirectory}'s event stream. */
public interface ContainerEventHandler {

    /** A container started, died or was destroyed. */
    void event(ContainerDirectory.ContainerEvent event);

    /** The stream broke (daemon unreachable, connection reset); no more events follow. */
    void failed(Throwable cause);

    /** The stream ended without an error (for example the daemon shut down); no more events follow. */
    void closed();
}
