package org.mesoslogstash.executor.sink.beats;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Opens connections to the beats input: TCP, then TLS with hostname verification when configured. */
final class BeatsConnector {

    private final BeatsSinkOptions options;

    BeatsConnector(BeatsSinkOptions options) {
        this.options = options;
    }

    BeatsConnection connect() throws IOException {
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, options.ackTimeout().toMillis());
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(options.host(), options.port()), timeoutMillis);
            if (options.sslContext() != null) {
                SSLSocket tls = (SSLSocket) options.sslContext().getSocketFactory()
                        .createSocket(socket, options.host(), options.port(), true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.setSoTimeout(timeoutMillis);
                tls.startHandshake();
                socket = tls;
            }
            socket.setSoTimeout(pollMillis(options.ackTimeout()));
            return new BeatsConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** How often the ACK reader wakes up to check the ACK timeout: a quarter of it, 10 ms to 1 s. */
    static int pollMillis(Duration ackTimeout) {
        return (int) Math.clamp(ackTimeout.toMillis() / 4, 10, 1000);
    }
}
