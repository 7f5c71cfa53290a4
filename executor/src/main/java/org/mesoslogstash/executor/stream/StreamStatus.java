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
        Position position) {

    public StreamStatus {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
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
