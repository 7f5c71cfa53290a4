package org.mesoslogstash.executor.sink.beats;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.mesoslogstash.retry.Backoff;

/**
 * How a {@link BeatsSink} reaches Logstash's beats input.
 *
 * @param host               Logstash host; with TLS also the name the certificate must carry
 * @param port               the beats input's port (Logstash's default is 5044)
 * @param compressionLevel   zlib level 1-9 for {@code 2C} frames; 0 sends uncompressed {@code 2J}
 *                           frames (no CPU for compression, more bytes). Default 3
 * @param ackTimeout         how long the sink waits for any ACK (a keepalive counts) while a window
 *                           is unacknowledged, before it drops the connection and resends. Also the
 *                           connect and TLS handshake timeout. Default 30 s
 * @param maxBatchesInFlight windows sent and not yet acknowledged; {@code publish} blocks beyond
 *                           it (Filebeat's {@code pipelining}); also bounds the windows being
 *                           compressed at once. Default 2
 * @param reconnect          waits between failed connection attempts. Default 1 s doubling to 60 s
 * @param sslContext         TLS with hostname verification when not null; plain TCP when null
 */
public record BeatsSinkOptions(
        String host,
        int port,
        int compressionLevel,
        Duration ackTimeout,
        int maxBatchesInFlight,
        Backoff reconnect,
        SSLContext sslContext) {

    public static final int DEFAULT_COMPRESSION_LEVEL = 3;
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_BATCHES_IN_FLIGHT = 2;
    public static final Backoff DEFAULT_RECONNECT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    public BeatsSinkOptions {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("beats host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("beats port must be 1-65535, was " + port);
        }
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException("beats compression level must be 0 (none) to 9, was " + compressionLevel);
        }
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("beats ack timeout must be positive, was " + ackTimeout);
        }
        if (maxBatchesInFlight < 1) {
            throw new IllegalArgumentException("beats max batches in flight must be >= 1, was " + maxBatchesInFlight);
        }
        Objects.requireNonNull(reconnect, "reconnect");
    }

    public static BeatsSinkOptions defaults(String host, int port) {
        return new BeatsSinkOptions(host, port, DEFAULT_COMPRESSION_LEVEL, DEFAULT_ACK_TIMEOUT,
                DEFAULT_MAX_BATCHES_IN_FLIGHT, DEFAULT_RECONNECT, null);
    }

    public BeatsSinkOptions withTls(SSLContext context) {
        return new BeatsSinkOptions(host, port, compressionLevel, ackTimeout, maxBatchesInFlight, reconnect,
                Objects.requireNonNull(context, "context"));
    }

    public BeatsSinkOptions withCompressionLevel(int level) {
        return new BeatsSinkOptions(host, port, level, ackTimeout, maxBatchesInFlight, reconnect, sslContext);
    }

    public BeatsSinkOptions withAckTimeout(Duration timeout) {
        return new BeatsSinkOptions(host, port, compressionLevel, timeout, maxBatchesInFlight, reconnect, sslContext);
    }

    public BeatsSinkOptions withMaxBatchesInFlight(int max) {
        return new BeatsSinkOptions(host, port, compressionLevel, ackTimeout, max, reconnect, sslContext);
    }

    public BeatsSinkOptions withReconnect(Backoff backoff) {
        return new BeatsSinkOptions(host, port, compressionLevel, ackTimeout, maxBatchesInFlight, backoff, sslContext);
    }

    @Override
    public String toString() {
        return "beats " + host + ":" + port + (sslContext != null ? " (TLS)" : "");
    }
}
