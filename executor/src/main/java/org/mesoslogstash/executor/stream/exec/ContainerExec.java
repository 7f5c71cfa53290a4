package org.mesoslogstash.executor.stream.exec;

import java.util.List;

/** Runs commands inside containers: the one way streams reach into a container's file system. */
public interface ContainerExec {

    /**
     * Starts {@code command} (no shell involved) in the container with stdout attached, and stdin
     * if {@code attachStdin}; an exec with stdin attached moves its output at about half the speed.
     */
    ExecSession start(String containerId, List<String> command, boolean attachStdin) throws ExecException;

    /** Whether the container exists and runs. */
    boolean isRunning(String containerId) throws ExecException;
}
