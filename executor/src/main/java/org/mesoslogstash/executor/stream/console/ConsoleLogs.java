package org.mesoslogstash.executor.stream.console;

import java.io.IOException;
import java.time.Instant;
import org.mesoslogstash.executor.stream.exec.ExecException;

/** A container's stdout and stderr as Docker keeps them: the one way console streams reach a container. */
public interface ConsoleLogs {

    /**
     * Follows one of the container's console streams from {@code since} on (inclusive).
     *
     * @param source {@code stdout} or {@code stderr}
     */
    Messages follow(String containerId, String source, Instant since) throws ExecException;

    /** Log messages as Docker sends them: each begins with its RFC 3339 nanosecond timestamp and a space. */
    interface Messages extends AutoCloseable {

        /** The next message, or null when the stream ended (the container stopped); blocks until one comes. */
        byte[] next() throws IOException;

        /** Ends the stream; a blocked {@link #next} returns or fails. */
        @Override
        void close();
    }
}
