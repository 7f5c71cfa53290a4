package org.mesoslogstash.executor.stream.exec;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalInt;

/**
 * A command running in a container with its stdin and stdout attached. The stdout stream ends
 * when the command's output ends (normally because it exited); reading it blocks while nothing is
 * there, and the session buffers only a bounded amount, so a slow reader slows the command down.
 */
public interface ExecSession extends AutoCloseable {

    /** The command's stdin; writing fails if it was started without. */
    OutputStream input();

    /** The command's stdout. */
    InputStream output();

    /** What the command wrote to stderr so far (the first few KiB), for error messages. */
    String errors();

    /** The exit code, or empty while the command runs (or Docker cannot tell). */
    OptionalInt exitCode() throws ExecException;

    /**
     * Closes stdin and the connection. A command that reads its stdin sees end of input; one that
     * does not may go on running inside the container, which is why the file follower watches its
     * stdin and ends itself when it closes.
     */
    @Override
    void close();
}
