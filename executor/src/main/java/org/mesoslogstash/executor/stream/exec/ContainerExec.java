package org.mesoslogstash.executor.stream.exec;

import java.util.List;

/** Runs commands inside containers: the one way streams reach into a container's file system. */
public interface ContainerExec {

    /** Starts {@code command} (no shell involved) in the container, stdin and stdout attached. */
    ExecSession start(String containerId, List<String> command) throws ExecException;

    /** Whether the container exists and runs. */
    boolean isRunning(String containerId) throws ExecException;
}
