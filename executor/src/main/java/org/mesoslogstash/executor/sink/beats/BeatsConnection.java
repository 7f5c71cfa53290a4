package org.mesoslogstash.executor.sink.beats;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One TCP (or TLS) connection to a beats input: the sender thread writes windows, the ACK thread
 * reads {@code 2A} frames. Whichever side fails first marks it broken; it is never reused.
 */
final class BeatsConnection {

    private static final int WRITE_BUFFER = 256 * 1024;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] ack = new byte[Lumberjack.ACK_FRAME_LENGTH];
    private int ackBytes; // bytes of the current ACK frame read so far; a read timeout keeps them
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile Instant lastActivity = Instant.MIN;
    private volatile boolean acknowledgedAny;

    /** {@code socket} is connected (and its TLS handshake done); its read timeout is the ACK poll interval. */
    BeatsConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), WRITE_BUFFER);
        this.in = socket.getInputStream();
    }

    void write(byte[] frames, int length, boolean flush) throws IOException {
        out.write(frames, 0, length);
        if (flush) {
            out.flush();
        }
    }

    /**
     * Reads the next ACK's sequence number.
     *
     * @throws AckWait when none arrived within the socket's read timeout; call again
     */
    int readAck(Duration ackTimeout) throws IOException {
        while (ackBytes < ack.length) {
            int n;
            try {
                n = in.read(ack, ackBytes, ack.length - ackBytes);
            } catch (SocketTimeoutException e) {
                throw AckWait.INSTANCE;
            }
            if (n < 0) {
                throw new EOFException("connection closed by the receiver");
            }
            ackBytes += n;
        }
        ackBytes = 0;
        if (ack[0] != Lumberjack.VERSION_2 || ack[1] != Lumberjack.ACK) {
            throw new IOException("protocol error: expected an ACK frame '2A', got bytes " + (ack[0] & 0xFF) + " " + (ack[1] & 0xFF));
        }
        return ((ack[2] & 0xFF) << 24) | ((ack[3] & 0xFF) << 16) | ((ack[4] & 0xFF) << 8) | (ack[5] & 0xFF);
    }

    void touch(Instant now) {
        lastActivity = now;
    }

    Instant lastActivity() {
        return lastActivity;
    }

    void markAcknowledged() {
        acknowledgedAny = true;
    }

    boolean acknowledgedAny() {
        return acknowledgedAny;
    }

    /** Returns true for the first failure only; that reason is the one reported. */
    boolean markBroken(String reason) {
        return failure.compareAndSet(null, reason);
    }

    boolean isBroken() {
        return failure.get() != null;
    }

    String failure() {
        String reason = failure.get();
        return reason != null ? reason : "connection closed";
    }

    void close() {
        markBroken("connection closed");
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is how a broken connection is abandoned; there is nothing left to lose on it.
        }
    }

    /** No ACK within one read timeout; not a failure by itself. */
    static final class AckWait extends IOException {
        static final AckWait INSTANCE = new AckWait();

        private AckWait() {
            super("no acknowledgement yet");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a shared signal, thrown often; a stack trace would be meaningless
        }
    }
}
