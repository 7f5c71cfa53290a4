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
 * Chunks are kept as handed over, never copied into a ring.
 */
public final class BytePipe extends InputStream {

    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
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

    /** Adds a chunk (owned by the pipe from now on); false if the reader has closed the pipe. */
    public boolean write(byte[] chunk) throws InterruptedException {
        if (chunk.length == 0) {
            return true;
        }
        lock.lockInterruptibly();
        try {
            // A chunk larger than the capacity is still taken, once the pipe is empty.
            while (!closedByReader && buffered > 0 && buffered + chunk.length > capacity) {
                changed.await();
            }
            if (closedByReader || ended) {
                return false;
            }
            chunks.addLast(chunk);
            buffered += chunk.length;
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
            while (chunks.isEmpty()) {
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
            while (copied < length && !chunks.isEmpty()) {
                byte[] head = chunks.peekFirst();
                int take = Math.min(length - copied, head.length - headPosition);
                System.arraycopy(head, headPosition, target, offset + copied, take);
                copied += take;
                headPosition += take;
                if (headPosition == head.length) {
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
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
