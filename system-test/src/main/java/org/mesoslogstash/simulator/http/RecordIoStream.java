package org.mesoslogstash.simulator.http;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.MessageLite;

import org.mesoslogstash.mesos.recordio.RecordIo;

/**
 * One open event stream (a subscription's HTTP response body): events queued by any thread are
 * written in order as RecordIO frames by the thread that {@link #pump pumps} it, with a heartbeat
 * whenever nothing was sent for the interval. Writing never happens under the caller's locks, so a
 * slow or dead reader cannot stall the simulator; a dead reader shows on the next write, as with Mesos.
 */
public final class RecordIoStream<E extends MessageLite> {

    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final E heartbeat;
    private final Duration heartbeatInterval;
    private static final Object CLOSE = new Object();
    private volatile boolean open = true;

    /** @param heartbeat sent after each quiet interval; null for none */
    public RecordIoStream(E heartbeat, Duration heartbeatInterval) {
        this.heartbeat = heartbeat;
        this.heartbeatInterval = heartbeatInterval;
    }

    /** Queues an event; false if the stream is already closed (the event is dropped, as on a dead connection). */
    public boolean send(E event) {
        if (!open) {
            return false;
        }
        frames.add(event);
        return true;
    }

    /** Ends the stream after the events already queued. */
    public void close() {
        frames.add(CLOSE);
    }

    public boolean isOpen() {
        return open;
    }

    /**
     * Writes the events until {@link #close()} or until the reader is gone; returns then, with the
     * stream closed. Runs on the HTTP exchange's thread.
     */
    public void pump(OutputStream out) {
        try {
            while (true) {
                Object frame = frames.poll(heartbeatInterval.toNanos(), TimeUnit.NANOSECONDS);
                if (frame == CLOSE) {
                    return;
                }
                if (frame != null) {
                    write(out, (MessageLite) frame);
                } else if (heartbeat != null) {
                    write(out, heartbeat);
                }
            }
        } catch (IOException e) {
            // The reader went away: the subscription is over.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open = false;
        }
    }

    private static void write(OutputStream out, MessageLite event) throws IOException {
        out.write(RecordIo.frame(event.toByteArray()));
        out.flush();
    }
}
