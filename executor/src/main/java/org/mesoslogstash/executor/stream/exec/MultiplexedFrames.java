package org.mesoslogstash.executor.stream.exec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads Docker's multiplexed stream format (attach, exec and logs of containers without a TTY):
 * frames of an 8-byte header (stream type, three zero bytes, big-endian length) and the payload.
 * Unlike docker-java's reader it keeps Docker's frame boundaries and does not cut payloads into
 * 1 KiB pieces: a log message is one frame, and big exec output moves in big reads.
 */
public final class MultiplexedFrames {

    /** Stream types of the header's first byte. */
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    /** Larger frames mean the input is not this format. Docker's frames are at most 32 KiB-ish; logs 16 KiB plus a timestamp. */
    static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final byte[] header = new byte[8];
    private int type;
    private int remaining;

    public MultiplexedFrames(InputStream in) {
        this.in = in;
    }

    /** Reads the next frame header; returns its stream type, or -1 at the end of the input. */
    public int nextFrame() throws IOException {
        while (remaining > 0) {
            long skipped = in.skip(remaining);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("stream ended inside a frame");
                }
                skipped = 1;
            }
            remaining -= (int) skipped;
        }
        int got = in.readNBytes(header, 0, 8);
        if (got == 0) {
            return -1;
        }
        if (got < 8) {
            throw new EOFException("stream ended inside a frame header");
        }
        type = header[0];
        long length = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
        if (type < STDIN || type > STDERR || header[1] != 0 || header[2] != 0 || header[3] != 0 || length > MAX_FRAME_BYTES) {
            throw new IOException("not a multiplexed Docker stream (header " + Arrays.toString(header) + "); is the container's TTY enabled?");
        }
        remaining = (int) length;
        return type;
    }

    /** Bytes of the current frame not read yet. */
    public int remaining() {
        return remaining;
    }

    /** Reads up to {@code length} bytes of the current frame; -1 once the frame is fully read. */
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(buffer, offset, Math.min(length, remaining));
        if (n < 0) {
            throw new EOFException("stream ended inside a frame");
        }
        remaining -= n;
        return n;
    }

    /** Reads the rest of the current frame as one array. */
    public byte[] readFrame() throws IOException {
        byte[] payload = in.readNBytes(remaining);
        if (payload.length < remaining) {
            throw new EOFException("stream ended inside a frame");
        }
        remaining = 0;
        return payload;
    }
}
