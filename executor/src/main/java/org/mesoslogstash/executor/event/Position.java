package org.mesoslogstash.executor.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a stream resumes after a restart. What is stored in a checkpoint is always the position
 * just after the last event the sink acknowledged, never anything later.
 */
public sealed interface Position {

    /**
     * A byte offset in one file, identified by its inode so that a file replaced while the
     * collector was not watching (rotation) is recognised and read from its start.
     */
    record InFile(long inode, long offset) implements Position {
        public InFile {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must be >= 0, was " + offset);
            }
        }
    }

    /**
     * A point in a container's stdout or stderr. Docker stamps each log message with a nanosecond
     * timestamp; {@code seenAtTimestamp} counts the messages already delivered that carry exactly
     * {@code timestamp}, so that messages sharing one timestamp are neither lost nor repeated.
     */
    record InConsole(Instant timestamp, long seenAtTimestamp) implements Position {
        public InConsole {
            Objects.requireNonNull(timestamp, "timestamp");
            if (seenAtTimestamp < 1) {
                throw new IllegalArgumentException("seenAtTimestamp must be >= 1, was " + seenAtTimestamp);
            }
        }
    }
}
