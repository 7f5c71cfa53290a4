package org.mesoslogstash.simulator.master;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.mesoslogstash.mesos.testsupport.CallValidation;
import org.mesoslogstash.simulator.http.HttpAnswers;
import org.mesoslogstash.simulator.http.HttpAnswers.Rejection;

/**
 * One Mesos master process's {@code /api/v1/scheduler} endpoint on the JDK's HTTP server, checking
 * requests in the order of Mesos' {@code Master::Http::scheduler}: leadership (307 to the leader, or
 * 503 when none is elected), method, Content-Type, parse, validation, Accept, stream id, framework.
 * The cluster state behind it is the shared {@link Master}.
 */
public final class MasterServer implements AutoCloseable {

    public static final String PATH = "/api/v1/scheduler";

    private final Master master;
    private final Supplier<Optional<MasterServer>> leader;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final MasterInfo info;

    /** @param leader the leading master at the time of a request (empty while none is elected) */
    public MasterServer(Master master, Supplier<Optional<MasterServer>> leader) throws IOException {
        this.master = master;
        this.leader = leader;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = server.getAddress().getPort();
        this.info = MasterInfo.newBuilder().setId(UUID.randomUUID().toString()).setIp(0x0100007f).setPort(port)
                .setHostname("127.0.0.1").setAddress(Address.newBuilder().setHostname("127.0.0.1").setIp("127.0.0.1").setPort(port))
                .build();
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public MasterInfo info() {
        return info;
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                HttpAnswers.text(exchange, 404, "");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Optional<MasterServer> leading = leader.get();
            if (leading.isEmpty()) {
                HttpAnswers.text(exchange, 503, "No leader elected");
                return;
            }
            if (leading.get() != this) {
                exchange.getResponseHeaders().add("Location", "//" + leading.get().uri().getAuthority() + PATH);
                HttpAnswers.text(exchange, 307, "");
                return;
            }
            Optional<Rejection> bad = HttpAnswers.checkRequest(exchange);
            if (bad.isPresent()) {
                HttpAnswers.reject(exchange, bad.get());
                return;
            }
            Call call;
            try {
                call = Call.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                HttpAnswers.text(exchange, 400, "Failed to parse body into Call protobuf: " + e.getMessage());
                return;
            }
            Optional<String> invalid = CallValidation.validate(call).or(() -> acknowledgeUuid(call));
            if (invalid.isPresent()) {
                HttpAnswers.text(exchange, 400, "Failed to validate scheduler::Call: " + invalid.get());
                return;
            }
            if (call.getType() == Call.Type.SUBSCRIBE) {
                subscribe(exchange, call);
                return;
            }
            Optional<Rejection> refused = master.call(call, exchange.getRequestHeaders().getFirst("Mesos-Stream-Id"));
            if (refused.isPresent()) {
                HttpAnswers.reject(exchange, refused.get());
            } else {
                HttpAnswers.text(exchange, 202, "");
            }
        }
    }

    private void subscribe(HttpExchange exchange, Call call) throws IOException {
        Optional<Rejection> bad = HttpAnswers.checkAccept(exchange);
        if (bad.isPresent()) {
            HttpAnswers.reject(exchange, bad.get());
            return;
        }
        if (exchange.getRequestHeaders().containsKey("Mesos-Stream-Id")) {
            HttpAnswers.text(exchange, 400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
            return;
        }
        Master.Subscribed subscribed = master.subscribe(call.getSubscribe(), info);
        exchange.getResponseHeaders().add("Mesos-Stream-Id", subscribed.streamId());
        HttpAnswers.startStream(exchange);
        try {
            subscribed.stream().pump(exchange.getResponseBody());
        } finally {
            master.streamEnded(subscribed.frameworkId(), subscribed.streamId());
        }
    }

    /** Mesos checks that an acknowledgement's uuid is one (16 bytes). */
    private static Optional<String> acknowledgeUuid(Call call) {
        if (call.getType() == Call.Type.ACKNOWLEDGE && call.getAcknowledge().getUuid().size() != 16) {
            return Optional.of("Not a valid UUID");
        }
        return Optional.empty();
    }
}
