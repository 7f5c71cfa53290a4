package org.mesoslogstash.executor.discovery;

/**
 * Told by discovery what happens to containers. Each container's notifications arrive in order
 * (started, then stopped, then removed; started again after a restart), and never twice in a row
 * for the same state. Calls are made one at a time, so an implementation must not block for long.
 */
public interface ContainerListener {

    /** The container is running (newly, again after a restart, or already when discovery began). */
    void started(ContainerInfo container);

    /** The container stopped; it may start again, so what was collected from it is kept. */
    void stopped(String containerId);

    /** The container is gone for good. */
    void removed(String containerId);
}
