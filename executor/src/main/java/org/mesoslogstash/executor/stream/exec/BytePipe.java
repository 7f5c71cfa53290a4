package org.mesoslogstash.executor.stream.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns chunks pushed by a callback (Docker's frames) into an {@link InputStream}. At most
 * {@code capacity} bytes wait in it; beyond that {@link #write} blocks, which holds up the thread
 * reading the connection and so, through TCP, the command writing inside the container.
 * Bytes are copied in, since docker-java hands out frames whose buffer it reuses; small frames
 * (docker-java cuts the stream into frames of at most 1 KiB) are gathered into larger chunks.
 */
public final class BytePipe extends InputStream {

    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private static final int CHUNK_BYTES = 64 * 1024;

    /** A piece of buffered bytes: {@code data[0, limit)} were written. */
    private static final class Chunk {
        final byte[] data;
        int limit;

        Chunk(int size) {
            data = new byte[size];
        }
    }

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private long buffered;
    private int headPosition;
    private boolean ended;
    private boolean closedByReader;
    private Throwable failure;

    public BytePipe(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds a copy of the bytes; false if the reader has closed the pipe or the writer ended it. */
    public boolean write(byte[] bytes) throws InterruptedException {
        return write(bytes, 0, bytes.length);
    }

    /** Adds a copy of {@code bytes[offset, offset + length)}; false if the pipe no longer takes bytes. */
    public boolean write(byte[] bytes, int offset, int length) throws InterruptedException {
        if (length == 0) {
            return true;
        }
        lock.lockInterruptibly();
        try {
            // A chunk larger than the capacity is still taken, once the pipe is empty.
            while (!closedByReader && !ended && buffered > 0 && buffered + length > capacity) {
                changed.await();
            }
            if (closedByReader || ended) {
                return false;
            }
            Chunk tail = chunks.peekLast();
            int copied = 0;
            while (copied < length) {
                if (tail == null || tail.limit == tail.data.length) {
                    tail = new Chunk(Math.max(CHUNK_BYTES, length - copied));
                    chunks.addLast(tail);
                }
                int take = Math.min(length - copied, tail.data.length - tail.limit);
                System.arraycopy(bytes, offset + copied, tail.data, tail.limit, take);
                tail.limit += take;
                copied += take;
            }
            buffered += length;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The writer has no more: the reader sees end of stream after what is buffered. */
    public void end() {
        finish(null);
    }

    /** The writer is done and what it wrote but was not read yet no longer matters: the reader sees end of stream now. */
    public void abandon() {
        lock.lock();
        try {
            chunks.clear();
            buffered = 0;
            headPosition = 0;
        } finally {
            lock.unlock();
        }
        finish(null);
    }

    /** Waits until the reader has closed the pipe (or the timeout passes); true if it has. */
    public boolean awaitClosedByReader(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (!closedByReader) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The writer failed: the reader gets {@code cause} after what is buffered. */
    public void fail(Throwable cause) {
        finish(cause);
    }

    private void finish(Throwable cause) {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                failure = cause;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for exec output");
        }
        try {
            while (buffered == 0) {
                if (closedByReader) {
                    throw new IOException("pipe closed");
                }
                if (ended) {
                    if (failure != null) {
                        throw new IOException("exec output failed: " + failure.getMessage(), failure);
                    }
                    return -1;
                }
                try {
                    changed.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted waiting for exec output");
                }
            }
            int copied = 0;
            while (copied < length && buffered - copied > 0) {
                Chunk head = chunks.peekFirst();
                int take = Math.min(length - copied, head.limit - headPosition);
                System.arraycopy(head.data, headPosition, target, offset + copied, take);
                copied += take;
                headPosition += take;
                if (headPosition == head.limit && (chunks.size() > 1 || head.limit == head.data.length)) {
                    chunks.removeFirst();
                    headPosition = 0;
                }
            }
            buffered -= copied;
            changed.signalAll();
            return copied;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, buffered);
        } finally {
            lock.unlock();
        }
    }

    /** The reader is done: what is buffered is dropped and the writer is no longer held up. */
    @Override
    public void close() {
        lock.lock();
        try {
            closedByReader = true;
            chunks.clear();
            buffered = 0;
            headPosition = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
