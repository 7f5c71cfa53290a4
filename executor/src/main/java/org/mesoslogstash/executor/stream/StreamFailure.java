package org.mesoslogstash.executor.stream;

import java.util.Objects;

/**
 * Why a stream stopped reading, in words an operator can act on, with the kind that decides
 * whether and how soon it is tried again.
 */
public final class StreamFailure extends Exception {

    /** What went wrong; each kind carries its retry policy. */
    public enum Kind {
        /** The container is gone or stopped: nothing to retry until it starts again. */
        CONTAINER_GONE(Retry.NEVER),
        /** The file does not exist (yet). */
        FILE_MISSING(Retry.BACKOFF),
        /** The file exists but cannot be read. */
        FILE_UNREADABLE(Retry.BACKOFF),
        /** The container lacks what following a file needs (sh, stat, dd, /proc). */
        UNSUPPORTED_CONTAINER(Retry.RARELY),
        /** Docker failed or could not be reached. */
        DOCKER(Retry.BACKOFF),
        /** The stream ended or misbehaved for another reason. */
        STREAM_BROKEN(Retry.BACKOFF);

        private final Retry retry;

        Kind(Retry retry) {
            this.retry = retry;
        }

        public Retry retry() {
            return retry;
        }
    }

    /** How a failure is retried. */
    public enum Retry {
        /** With the usual backoff. */
        BACKOFF,
        /** Only after the longest backoff: it will not get better by itself soon. */
        RARELY,
        /** Not at all. */
        NEVER
    }

    private final Kind kind;

    public StreamFailure(Kind kind, String reason) {
        this(kind, reason, null);
    }

    public StreamFailure(Kind kind, String reason, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return getMessage();
    }
}
