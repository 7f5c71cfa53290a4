package org.mesoslogstash.mesos.testsupport;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The JDK's HTTP server on 127.0.0.1, one virtual thread per exchange, as the fake and simulated
 * Mesos endpoints run. Listening again on a port just closed waits up to 5 s for the old socket.
 */
public record LocalHttpServer(HttpServer server, ExecutorService handlers) {

    /** Listens on {@code port} (0 for any) with {@code handler} for every path. */
    public static LocalHttpServer listen(int port, HttpHandler handler) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        HttpServer created = null;
        while (created == null) {
            try {
                created = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50); // the old socket may still be closing
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        created.createContext("/", handler);
        created.setExecutor(executor);
        created.start();
        return new LocalHttpServer(created, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }
}
