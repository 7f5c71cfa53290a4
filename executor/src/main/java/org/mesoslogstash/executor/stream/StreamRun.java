package org.mesoslogstash.executor.stream;

import java.util.Objects;
import java.util.Optional;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;

/**
 * One run of one stream: what a {@link StreamReader} needs to start, and what it reports back while
 * it reads. Written by the reading thread, read by whoever asks for statuses.
 */
public final class StreamRun {

    private final StreamKey key;
    private final long generation;
    private final SourceMetadata source;
    private final Optional<Position> resumeFrom;
    private volatile boolean running;
    private volatile boolean stopRequested;
    private volatile long lines;
    private volatile long bytes;
    private volatile Position lastPosition;
    private volatile long fileSize = -1;

    public StreamRun(StreamKey key, long generation, SourceMetadata source, Optional<Position> resumeFrom) {
        this.key = Objects.requireNonNull(key, "key");
        this.generation = generation;
        this.source = Objects.requireNonNull(source, "source");
        this.resumeFrom = Objects.requireNonNull(resumeFrom, "resumeFrom");
    }

    public StreamKey key() {
        return key;
    }

    public long generation() {
        return generation;
    }

    public SourceMetadata source() {
        return source;
    }

    public Optional<Position> resumeFrom() {
        return resumeFrom;
    }

    /** The reader is connected and reading. */
    public void markRunning() {
        running = true;
    }

    public boolean isRunning() {
        return running;
    }

    /** Counts an event the reader has handed to the publisher. Called by the reading thread only. */
    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    public void published(LogEvent event) {
        lines++;
        bytes += event.line().length;
        lastPosition = event.resumeAfter();
    }

    /** The file's size as the reader last saw it (files only). Called by the reading thread only. */
    public void fileSizeSeen(long size) {
        fileSize = size;
    }

    /** The file's size as the reader last saw it, or -1 if it has not seen one (or reads a console). */
    public long fileSize() {
        return fileSize;
    }

    public long lines() {
        return lines;
    }

    public long bytes() {
        return bytes;
    }

    /** Where a new run continues so that nothing published is read twice; the start position if none. */
    public Optional<Position> lastPosition() {
        Position last = lastPosition;
        return last != null ? Optional.of(last) : resumeFrom;
    }

    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }
}
