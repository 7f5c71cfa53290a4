package org.mesoslogstash.executor.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of one stream, on its way to a sink.
 *
 * <p>The line is kept as the bytes that were written, without the line terminator ({@code \n}),
 * so that nothing is lost to a charset conversion; encoders decide how to represent bytes that are
 * not UTF-8. A line longer than the configured limit travels as several events, each with a
 * {@link Split}.
 *
 * @param stream      which stream the line belongs to
 * @param generation  the stream's generation when the line was read; acknowledgements for an older
 *                    generation are ignored, so a late acknowledgement cannot move a restarted
 *                    stream's checkpoint
 * @param source      where the stream's lines come from
 * @param timestamp   Docker's timestamp for console lines; the time the line was read for files
 * @param line        the line's bytes, without its terminator
 * @param offset      byte offset of the line's first byte in its file; -1 for console lines
 * @param split       null for a whole line; otherwise which part of a long line this is
 * @param resumeAfter where the stream resumes if this is the last acknowledged event
 * @param routing     the configurations that wanted the line, as in force when the stream handed the
 *                    line over; {@link Routing#NONE} if not known (null is taken as that)
 */
public record LogEvent(
        StreamKey stream,
        long generation,
        SourceMetadata source,
        Instant timestamp,
        byte[] line,
        long offset,
        Split split,
        Position resumeAfter,
        Routing routing) {

    public LogEvent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(resumeAfter, "resumeAfter");
        routing = routing == null ? Routing.NONE : routing;
    }

    /** An event without routing: the readers build these; the collector adds the routing on publishing. */
    public LogEvent(StreamKey stream, long generation, SourceMetadata source, Instant timestamp, byte[] line, long offset,
                    Split split, Position resumeAfter) {
        this(stream, generation, source, timestamp, line, offset, split, resumeAfter, Routing.NONE);
    }

    /** This event with {@code routing}; this very instance if it carries that routing already. */
    public LogEvent withRouting(Routing routing) {
        return routing == this.routing ? this : new LogEvent(stream, generation, source, timestamp, line, offset, split, resumeAfter, routing);
    }

    /**
     * Marks one part of a line that was longer than the limit.
     *
     * @param index 0 for the first part
     * @param last  true for the part that ends the line
     */
    public record Split(int index, boolean last) {
    }
}
