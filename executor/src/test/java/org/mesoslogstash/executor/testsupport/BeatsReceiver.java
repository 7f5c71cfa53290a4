package org.mesoslogstash.executor.testsupport;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Lumberjack v2 server that behaves like Logstash's beats input, for tests: it reads
 * {@code 2W}, {@code 2J} and {@code 2C} frames (nested frames inside inflated {@code 2C} payloads),
 * hands a window's events on only once the whole window has arrived, and then acknowledges it with
 * the window's highest sequence number. While an acknowledgement is delayed or held it sends
 * keepalive ACKs (sequence 0) as Logstash does while its pipeline is busy, and a blank ACK
 * (sequence 0) after each full one as some Logstash versions do; optionally it sends a partial ACK
 * (half the window) before the full one.
 *
 * <p>Fault hooks: {@link #setAckDelay}, {@link #holdAcks}/{@link #releaseAcks},
 * {@link #dropConnectionAfter}, {@link #stopListening}/{@link #startListening} (same port).
 * {@link #countingOnly()} counts events and bytes without keeping documents, for benchmarks.
 */
public final class BeatsReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BeatsReceiver.class);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Duration KEEPALIVE_INTERVAL = Duration.ofMillis(50);

    private final SSLContext sslContext;
    private final boolean keepDocuments;
    private final int port;
    private volatile ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private final List<byte[]> documents = new ArrayList<>(); // guarded by itself
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong payloadBytes = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();

    private volatile Duration ackDelay = Duration.ZERO;
    private volatile boolean ackHeld;
    private volatile boolean partialAcks;
    private volatile boolean keepalives = true;
    private final AtomicLong dropAfterEvents = new AtomicLong(-1); // events still to accept before dropping; -1 = never

    private BeatsReceiver(SSLContext sslContext, boolean keepDocuments) throws IOException {
        this.sslContext = sslContext;
        this.keepDocuments = keepDocuments;
        ServerSocket first = bind(0);
        this.port = first.getLocalPort();
        listen(first);
    }

    /** A plain-TCP receiver on an ephemeral port of "localhost", keeping every document. */
    public static BeatsReceiver start() throws IOException {
        return new BeatsReceiver(null, true);
    }

    /** A TLS receiver presenting the certificate of {@code serverContext}. */
    public static BeatsReceiver startTls(SSLContext serverContext) throws IOException {
        return new BeatsReceiver(serverContext, true);
    }

    /** A plain-TCP receiver that only counts, for throughput measurements. */
    public static BeatsReceiver countingOnly() throws IOException {
        return new BeatsReceiver(null, false);
    }

    public int port() {
        return port;
    }

    public void setAckDelay(Duration delay) {
        this.ackDelay = delay;
    }

    /** Stops acknowledging (keepalives continue) until {@link #releaseAcks()}. */
    public void holdAcks() {
        ackHeld = true;
    }

    public void releaseAcks() {
        ackHeld = false;
    }

    /** Whether keepalive ACKs (sequence 0) go out while an ACK is delayed or held; on by default. */
    public void setKeepalives(boolean enabled) {
        this.keepalives = enabled;
    }

    /** Sends a partial ACK for half of each window before the full one. */
    public void setPartialAcks(boolean enabled) {
        this.partialAcks = enabled;
    }

    /**
     * Once, after {@code count} more events have arrived, closes that connection abruptly, before
     * the window holding the last of them is handed on or acknowledged.
     */
    public void dropConnectionAfter(long count) {
        dropAfterEvents.set(count);
    }

    /** Sends an ACK with {@code sequence} now on every open connection, out of turn: a misbehaving receiver. */
    public void sendStrayAck(int sequence) throws IOException {
        for (Socket socket : open) {
            synchronized (socket) {
                writeAck(socket.getOutputStream(), sequence);
            }
        }
    }

    /** Closes the listening socket and every connection; the port stays reserved for {@link #startListening()}. */
    public synchronized void stopListening() throws IOException {
        ServerSocket current = server;
        server = null;
        if (current != null) {
            current.close();
        }
        for (Socket socket : open) {
            socket.close();
        }
    }

    /**
     * Listens again on the same port. Connections closed by {@link #stopListening()} may still hold
     * the port (FIN_WAIT_2 until the peer closes its end), so binding is retried for a few seconds.
     */
    public synchronized void startListening() throws IOException {
        if (server != null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                listen(bind(port));
                return;
            } catch (java.net.BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Events of completed windows. */
    public long eventCount() {
        return events.get();
    }

    /** Bytes of JSON documents of completed windows. */
    public long payloadBytes() {
        return payloadBytes.get();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    public List<byte[]> documents() {
        synchronized (documents) {
            return List.copyOf(documents);
        }
    }

    public List<JsonNode> parsedDocuments() {
        return documents().stream().map(MAPPER::readTree).toList();
    }

    public List<String> messages() {
        return parsedDocuments().stream().map(doc -> doc.get("message").asString()).toList();
    }

    @Override
    public void close() throws IOException {
        stopListening();
    }

    private ServerSocket bind(int wanted) throws IOException {
        ServerSocket socket = sslContext != null
                ? sslContext.getServerSocketFactory().createServerSocket()
                : new ServerSocket();
        try {
            socket.setReuseAddress(true);
            // "localhost" as the sink resolves it, so that a TLS certificate for localhost matches.
            socket.bind(new InetSocketAddress(InetAddress.getByName("localhost"), wanted));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private void listen(ServerSocket socket) {
        server = socket;
        Thread.ofPlatform().daemon().name("beats-receiver-accept-" + port).start(() -> accept(socket));
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                synchronized (this) {
                    if (server != socket) {
                        client.close(); // stopListening ran meanwhile
                        return;
                    }
                    open.add(client);
                }
                connections.incrementAndGet();
                Thread.ofPlatform().daemon().name("beats-receiver-conn-" + port).start(() -> serve(client));
            } catch (IOException e) {
                return; // closed by stopListening
            }
        }
    }

    private void serve(Socket client) {
        LinkedBlockingQueue<Integer> acks = new LinkedBlockingQueue<>();
        Thread acker = Thread.ofPlatform().daemon().name("beats-receiver-ack-" + port).start(() -> acknowledge(client, acks));
        try (client) {
            new ConnectionReader(client, acks).run();
        } catch (IOException | DataFormatException e) {
            LOG.debug("beats receiver connection ended: {}", e.toString());
        } finally {
            open.remove(client);
            acker.interrupt();
        }
    }

    /** Sends queued window ACKs in order, honouring delay and hold, with keepalives while waiting. */
    private void acknowledge(Socket client, LinkedBlockingQueue<Integer> acks) {
        try {
            OutputStream out = new SynchronizedOutput(client);
            while (true) {
                Integer windowSize = acks.take();
                long readyAt = System.nanoTime() + ackDelay.toNanos();
                if (partialAcks && windowSize > 1) {
                    writeAck(out, windowSize / 2);
                }
                while (ackHeld || System.nanoTime() < readyAt) {
                    if (keepalives) {
                        writeAck(out, 0);
                    }
                    long wait = Math.min(KEEPALIVE_INTERVAL.toNanos(), Math.max(1, readyAt - System.nanoTime()));
                    TimeUnit.NANOSECONDS.sleep(ackHeld ? KEEPALIVE_INTERVAL.toNanos() : wait);
                }
                writeAck(out, windowSize);
                writeAck(out, 0); // the "blank ack" some Logstash versions send after each full ACK
            }
        } catch (IOException | InterruptedException e) {
            LOG.debug("beats receiver stopped acknowledging: {}", e.toString());
        }
    }

    /** ACK frames of the acknowledging thread and of {@link #sendStrayAck} never interleave. */
    private static final class SynchronizedOutput extends OutputStream {
        private final Socket socket;
        private final OutputStream out;

        SynchronizedOutput(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (socket) {
                out.write(b, off, len);
            }
        }
    }

    private static void writeAck(OutputStream out, int sequence) throws IOException {
        out.write(new byte[] {'2', 'A', (byte) (sequence >>> 24), (byte) (sequence >>> 16), (byte) (sequence >>> 8), (byte) sequence});
        out.flush();
    }

    /** Parses the frame stream of one connection. */
    private final class ConnectionReader {
        private final Socket client;
        private final LinkedBlockingQueue<Integer> acks;
        private final Inflater inflater = new Inflater();
        private byte[] scratch = new byte[64 * 1024];
        private byte[] inflated = new byte[256 * 1024];
        private int windowSize;
        private int windowReceived;
        private long windowBytes;
        private final List<byte[]> windowDocuments = new ArrayList<>();

        ConnectionReader(Socket client, LinkedBlockingQueue<Integer> acks) {
            this.client = client;
            this.acks = acks;
        }

        void run() throws IOException, DataFormatException {
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream(), 256 * 1024));
            try {
                while (true) {
                    int version;
                    try {
                        version = in.readUnsignedByte();
                    } catch (EOFException e) {
                        return;
                    }
                    frame(version, in.readUnsignedByte(), in);
                }
            } finally {
                inflater.end();
            }
        }

        private void frame(int version, int type, DataInputStream in) throws IOException, DataFormatException {
            if (version != '2') {
                throw new IOException("unsupported protocol version " + version);
            }
            switch (type) {
                case 'W' -> {
                    if (windowReceived != windowSize) {
                        throw new IOException("window frame before the previous window was complete");
                    }
                    windowSize = in.readInt();
                    windowReceived = 0;
                    windowBytes = 0;
                }
                case 'J' -> {
                    int sequence = in.readInt();
                    int length = in.readInt();
                    if (keepDocuments) {
                        event(sequence, read(in, length), length);
                    } else {
                        in.skipNBytes(length); // counting only: no copy
                        event(sequence, null, length);
                    }
                }
                case 'C' -> {
                    int length = in.readInt();
                    byte[] compressed = read(in, length);
                    inflater.reset();
                    inflater.setInput(compressed, 0, length);
                    int size = 0;
                    while (!inflater.finished()) {
                        if (size == inflated.length) {
                            inflated = java.util.Arrays.copyOf(inflated, inflated.length * 2);
                        }
                        int n = inflater.inflate(inflated, size, inflated.length - size);
                        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                            throw new IOException("truncated compressed frame");
                        }
                        size += n;
                    }
                    byte[] frames = java.util.Arrays.copyOf(inflated, size);
                    DataInputStream inner = new DataInputStream(new java.io.ByteArrayInputStream(frames));
                    while (inner.available() > 0) {
                        frame(inner.readUnsignedByte(), inner.readUnsignedByte(), inner);
                    }
                }
                default -> throw new IOException("unsupported frame type " + (char) type);
            }
        }

        private byte[] read(DataInputStream in, int length) throws IOException {
            if (length > scratch.length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            in.readFully(scratch, 0, length);
            return scratch;
        }

        private void event(int sequence, byte[] payload, int length) throws IOException {
            if (windowReceived >= windowSize) {
                throw new IOException("data frame outside a window");
            }
            if (sequence != windowReceived + 1) {
                throw new IOException("sequence " + sequence + " out of order, expected " + (windowReceived + 1));
            }
            if (dropAfterEvents.get() > 0 && dropAfterEvents.decrementAndGet() == 0) {
                dropAfterEvents.set(-1);
                throw new IOException("dropping the connection as the test asked");
            }
            windowReceived++;
            windowBytes += length;
            if (keepDocuments) {
                windowDocuments.add(java.util.Arrays.copyOf(payload, length));
            }
            if (windowReceived == windowSize) {
                if (keepDocuments) {
                    synchronized (documents) {
                        documents.addAll(windowDocuments);
                    }
                    windowDocuments.clear();
                }
                events.addAndGet(windowSize);
                payloadBytes.addAndGet(windowBytes);
                acks.add(windowSize);
            }
        }
    }
}
