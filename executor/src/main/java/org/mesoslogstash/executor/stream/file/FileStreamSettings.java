package org.mesoslogstash.executor.stream.file;

import java.time.Duration;
import java.util.Objects;

/**
 * How file streams read.
 *
 * @param maxLineBytes longer lines travel as several flagged parts
 * @param chunkBytes   most bytes the follower sends in one data record (4 MiB keeps the per-chunk
 *                     cost inside the container negligible)
 * @param heartbeat    how often the collector tells the follower it is still there; the follower
 *                     ends itself after five missed heartbeats, never sooner than 10 s
 * @param poll         how often the follower looks for new bytes when it has reached the end
 */
public record FileStreamSettings(int maxLineBytes, int chunkBytes, Duration heartbeat, Duration poll) {

    public static final FileStreamSettings DEFAULT =
            new FileStreamSettings(64 * 1024, 4 * 1024 * 1024, Duration.ofSeconds(1), Duration.ofMillis(250));

    public FileStreamSettings {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(poll, "poll");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be >= 1, was " + maxLineBytes);
        }
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be >= 1, was " + chunkBytes);
        }
        if (heartbeat.toMillis() < 10 || poll.toMillis() < 10) {
            throw new IllegalArgumentException("heartbeat and poll must be at least 10ms, were " + heartbeat + " and " + poll);
        }
    }

    /** Seconds without a heartbeat after which the follower ends itself. */
    public long heartbeatTimeoutSeconds() {
        // Generous: a follower ended by a busy machine's late heartbeat costs a restart of the stream.
        return Math.max(10, (heartbeat.toMillis() * 5 + 999) / 1000);
    }
}
