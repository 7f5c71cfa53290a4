package org.mesoslogstash.executor.stream;

import java.time.Instant;
import java.util.Objects;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;

/**
 * What an operator sees of one stream.
 *
 * @param key         the stream
 * @param state       where it is in its life
 * @param generation  the generation of its current (or last) run
 * @param lastFailure why it last stopped reading, or null if it never failed
 * @param retries     failures since it last read a line
 * @param nextRetry   when it is tried again, or null if it is not waiting to be
 * @param lines       lines read by the current run
 * @param bytes       bytes of those lines
 * @param position    where it would resume, or null if it has no position yet
 * @param fileSize    the file's size as its reader last saw it, or -1 when unknown (not seen yet
 *                    by the current run) or for stdout/stderr; with {@code position} it gives the
 *                    bytes of the file not read yet, see {@link #lagBytes()}
 */
public record StreamStatus(
        StreamKey key,
        State state,
        long generation,
        Failure lastFailure,
        int retries,
        Instant nextRetry,
        long lines,
        long bytes,
        Position position,
        long fileSize) {

    public StreamStatus {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
    }

    /**
     * Bytes of the file not read yet: the size last seen minus the offset it would resume at (0 with
     * no position yet), never negative; -1 when the size is unknown or for stdout/stderr. Right after a
     * rotation or a truncation the size is the new file's while the position is still in the old
     * one, until the first line of the new file is read: the figure may be off for that moment.
     */
    public long lagBytes() {
        if (fileSize < 0 || key.isConsole()) {
            return -1;
        }
        long offset = position instanceof Position.InFile file ? file.offset() : 0;
        return Math.max(0, fileSize - offset);
    }

    /** The life of a stream. */
    public enum State {
        /** Connecting: the reader runs but has not started reading yet. */
        STARTING,
        /** Reading. */
        RUNNING,
        /** Failed in a way that may pass; waiting to try again. */
        RETRYING,
        /** Failed in a way that will not pass soon (the container lacks a shell...); tried again rarely. */
        FAILED,
        /** Not reading, and not going to until started again. */
        STOPPED
    }

    /** A failure as it is shown: its kind, the reason in words, and when it happened. */
    public record Failure(StreamFailure.Kind kind, String reason, Instant at) {
    }
}
