package org.mesoslogstash.executor.sink.beats;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte array for building frames, with big-endian integers patched in place. Not thread-safe. */
final class FrameBuffer extends OutputStream {

    private byte[] bytes;
    private int size;

    FrameBuffer(int initialCapacity) {
        bytes = new byte[Math.max(64, initialCapacity)];
    }

    @Override
    public void write(int b) {
        ensureCapacity(size + 1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensureCapacity(size + len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    void writeFrameHeader(byte type) {
        ensureCapacity(size + 2);
        bytes[size++] = Lumberjack.VERSION_2;
        bytes[size++] = type;
    }

    void writeInt(int value) {
        ensureCapacity(size + 4);
        putInt(bytes, size, value);
        size += 4;
    }

    void patchInt(int position, int value) {
        putInt(bytes, position, value);
    }

    static void putInt(byte[] into, int position, int value) {
        into[position] = (byte) (value >>> 24);
        into[position + 1] = (byte) (value >>> 16);
        into[position + 2] = (byte) (value >>> 8);
        into[position + 3] = (byte) value;
    }

    int size() {
        return size;
    }

    /** Counts {@code count} bytes written directly into {@link #array()} past {@link #size()}. */
    void advance(int count) {
        size += count;
    }

    void reset() {
        size = 0;
    }

    /** The backing array; valid up to {@link #size()}, and only until the next write. */
    byte[] array() {
        return bytes;
    }

    void ensureCapacity(int capacity) {
        if (capacity > bytes.length) {
            if (capacity < 0) {
                throw new IllegalStateException("a window of frames cannot exceed 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, Math.max(capacity, (int) Math.min(Integer.MAX_VALUE - 8, bytes.length * 2L)));
        }
    }
}
