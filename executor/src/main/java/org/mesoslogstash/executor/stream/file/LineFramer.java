package org.mesoslogstash.executor.stream.file;

import java.util.Arrays;
import java.util.Objects;
import org.mesoslogstash.executor.event.LogEvent.Split;

/**
 * Cuts a file's bytes into lines at {@code \n}, tracking each line's byte offset. A line longer
 * than {@code maxLineBytes} is passed on in parts of at most that size, each flagged with a
 * {@link Split}, never dropped. Bytes are passed on as they are (a {@code \r} before the
 * {@code \n} stays part of the line; invalid UTF-8 is kept).
 *
 * <p>An unterminated last line is held back until its {@code \n} arrives, or until the caller
 * knows the file ended ({@link #flushPending}: the file was rotated or truncated).
 */
public final class LineFramer {

    /** Receives lines in file order. */
    public interface LineSink {

        /**
         * @param line        the line's (or part's) bytes, without the terminator; owned by the receiver
         * @param offset      offset of the first byte
         * @param split       null for a whole line
         * @param offsetAfter offset of the first byte after this line (after its terminator)
         */
        void line(byte[] line, long offset, Split split, long offsetAfter) throws InterruptedException;
    }

    private final int maxLineBytes;
    private final LineSink sink;
    private byte[] pending = new byte[256];
    private int pendingLength;
    private int splitIndex;
    private long offset;

    public LineFramer(int maxLineBytes, LineSink sink) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be >= 1, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Starts over at {@code offset} of a (possibly other) file, forgetting any unterminated line. */
    public void reset(long newOffset) {
        pendingLength = 0;
        splitIndex = 0;
        offset = newOffset;
    }

    /** Offset of the byte after the last one accepted. */
    public long offset() {
        return offset;
    }

    public int pendingBytes() {
        return pendingLength;
    }

    public void accept(byte[] buffer, int from, int length) throws InterruptedException {
        int end = from + length;
        int start = from;
        while (start < end) {
            int newline = -1;
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int segmentEnd = newline < 0 ? end : newline;
            // Parts of a long line: emit whenever the line so far exceeds the limit.
            while (pendingLength + (segmentEnd - start) > maxLineBytes) {
                int take = maxLineBytes - pendingLength;
                byte[] part = join(buffer, start, take);
                long partOffset = offset - pendingLength;
                offset += take;
                start += take;
                pendingLength = 0;
                sink.line(part, partOffset, new Split(splitIndex++, false), offset);
            }
            if (newline < 0) {
                append(buffer, start, end - start);
                offset += end - start;
                return;
            }
            byte[] line = join(buffer, start, newline - start);
            long lineOffset = offset - pendingLength;
            offset += newline - start + 1;
            start = newline + 1;
            pendingLength = 0;
            Split split = splitIndex > 0 ? new Split(splitIndex, true) : null;
            splitIndex = 0;
            sink.line(line, lineOffset, split, offset);
        }
    }

    /** The file ended without a terminator after the held-back bytes: pass them on as a line. */
    public void flushPending() throws InterruptedException {
        if (pendingLength == 0 && splitIndex == 0) {
            return;
        }
        byte[] line = Arrays.copyOf(pending, pendingLength);
        long lineOffset = offset - pendingLength;
        Split split = splitIndex > 0 ? new Split(splitIndex, true) : null;
        pendingLength = 0;
        splitIndex = 0;
        sink.line(line, lineOffset, split, offset);
    }

    /**
     * Takes back the last {@code count} accepted bytes, which turned out not to be file content
     * (padding of a short read). Bytes already passed on in a split part cannot be taken back.
     */
    public void dropLast(int count) {
        int dropped = Math.min(count, pendingLength);
        pendingLength -= dropped;
        offset -= count;
    }

    private byte[] join(byte[] buffer, int start, int length) {
        if (pendingLength == 0) {
            return Arrays.copyOfRange(buffer, start, start + length);
        }
        byte[] joined = Arrays.copyOf(pending, pendingLength + length);
        System.arraycopy(buffer, start, joined, pendingLength, length);
        return joined;
    }

    private void append(byte[] buffer, int start, int length) {
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        System.arraycopy(buffer, start, pending, pendingLength, length);
        pendingLength += length;
    }
}
