package org.mesoslogstash.executor.multiline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mesoslogstash.executor.event.LogEvent;

/**
 * Joins the lines of one stream into messages by {@link MultilineSettings}: the lines of a message
 * become one event whose line is theirs joined by {@code \n}, whose offset, timestamp and routing
 * are its first line's and whose {@code resumeAfter} is its last line's. So a checkpoint taken from
 * it resumes after the whole message, and a crash before it is acknowledged reads the whole message
 * again: a message is never split by a restart.
 *
 * <p>Nothing is dropped, unlike Filebeat, which discards what exceeds {@code max_lines} or
 * {@code max_bytes}: a message that would exceed {@code maxLines} or {@code maxBytes} leaves in
 * parts, each cut at a line boundary and marked like the parts of an over-long line
 * ({@link LogEvent.Split}; every part but the last has {@code last = false}, so no checkpoint is taken
 * inside the message). A part of an over-long line (an event that already has a split) is never
 * joined: it ends the message being built and passes on unchanged. A line of a newer generation of
 * the stream (a restarted run) also ends it.
 *
 * <p>Pure and not thread-safe: its owner ({@link MultilinePublisher}) serialises the calls and
 * decides when a quiet stream's message is complete ({@link #flush}).
 */
public final class MultilineJoiner {

    private final MultilineSettings settings;
    private final List<LogEvent> pending = new ArrayList<>();
    /** Bytes of the pending lines joined, separators included. */
    private int pendingBytes;
    /** Index of the part being built: 0 unless the message already overflowed. */
    private int part;

    public MultilineJoiner(MultilineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public MultilineSettings settings() {
        return settings;
    }

    /**
     * Takes the next line of the stream.
     *
     * @return the events that are complete now, in stream order (often none)
     */
    public List<LogEvent> add(LogEvent line) {
        List<LogEvent> complete = new ArrayList<>(1);
        if (line.split() != null) {
            finishInto(complete);
            complete.add(line);
            return complete;
        }
        if (!pending.isEmpty() && (line.generation() != pending.getFirst().generation() || !continues(line))) {
            finishInto(complete);
        }
        if (!pending.isEmpty() && (pending.size() + 1 > settings.maxLines() || pendingBytes + 1 + line.line().length > settings.maxBytes())) {
            complete.add(join(new LogEvent.Split(part, false)));
            part++;
        }
        pendingBytes += (pending.isEmpty() ? 0 : 1) + line.line().length;
        pending.add(line);
        return complete;
    }

    /** The message being built, complete as it is (the stream was quiet long enough); empty if none. */
    public List<LogEvent> flush() {
        List<LogEvent> complete = new ArrayList<>(1);
        finishInto(complete);
        return complete;
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    private boolean continues(LogEvent line) {
        return settings.continues(pending.getLast().line(), line.line());
    }

    private void finishInto(List<LogEvent> complete) {
        if (pending.isEmpty()) {
            return;
        }
        complete.add(join(part == 0 ? null : new LogEvent.Split(part, true)));
        part = 0;
    }

    /** The pending lines as one event; clears them. */
    private LogEvent join(LogEvent.Split split) {
        LogEvent first = pending.getFirst();
        LogEvent last = pending.getLast();
        byte[] joined;
        if (pending.size() == 1) {
            joined = first.line();
        } else {
            joined = new byte[pendingBytes];
            int at = 0;
            for (LogEvent line : pending) {
                if (at > 0) {
                    joined[at++] = '\n';
                }
                System.arraycopy(line.line(), 0, joined, at, line.line().length);
                at += line.line().length;
            }
        }
        pending.clear();
        pendingBytes = 0;
        if (joined == first.line() && split == null) {
            return first;
        }
        return new LogEvent(first.stream(), first.generation(), first.source(), first.timestamp(), joined, first.offset(), split,
                last.resumeAfter(), first.routing());
    }
}
