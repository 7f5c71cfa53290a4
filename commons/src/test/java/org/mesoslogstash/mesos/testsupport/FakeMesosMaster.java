package org.mesoslogstash.mesos.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.mesoslogstash.mesos.recordio.RecordIo;

/**
 * A Mesos master's {@code /api/v1/scheduler} endpoint on the JDK's HTTP server, speaking the real wire
 * format: protobuf Calls in, a RecordIO stream of protobuf Events out with a {@code Mesos-Stream-Id},
 * 202 for accepted calls, 307 with a scheme-relative Location when not leading, and the statuses and
 * plain-text reasons Mesos' master gives for rejected requests (its {@code Master::Http::scheduler}
 * order: leadership, method, Content-Type, parse, validation, Accept, stream id, framework lookup).
 *
 * <p>It knows one framework at a time and has no offers or agents of its own: tests push events with
 * {@link #sendEvent(Event)}. Only protobuf is spoken: a request that would get JSON from Mesos gets 406
 * here, which is stricter than Mesos, never more forgiving. Meant as the base of a fuller simulator.
 */
public final class FakeMesosMaster implements AutoCloseable {

    public static final String PATH = "/api/v1/scheduler";
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";

    /** A request as the master saw it, and what it answered. */
    public record Request(Call call, Headers headers, int status, String answer) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.getFirst(name));
        }
    }

    private sealed interface Frame {
    }

    private record Send(Event event) implements Frame {
    }

    private record Close() implements Frame {
    }

    /** One open event stream. */
    /** When set, SUBSCRIBE is refused with this ERROR message, as for a removed framework. */
    private volatile String removal;

    private final class Subscription {
        final String streamId = UUID.randomUUID().toString();
        final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        volatile boolean open = true;
        volatile boolean silent;
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger frameworkCounter = new AtomicInteger();
    private final String masterId = "fake-master-" + UUID.randomUUID();

    private volatile Consumer<Call> callObserver = call -> { };
    private volatile URI leader;
    private volatile String[] credential;
    private volatile Duration heartbeat = Duration.ofSeconds(15);
    private volatile FrameworkID frameworkId;
    private volatile Subscription subscription;

    private FakeMesosMaster(HttpServer server) {
        this.server = server;
    }

    public static FakeMesosMaster start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeMesosMaster master = new FakeMesosMaster(server);
        server.createContext("/", master::handle);
        server.setExecutor(master.handlers);
        server.start();
        return master;
    }

    /** The base URL, {@code http://127.0.0.1:port}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stop leading: answer every request with a 307 to that master. */
    public void redirectTo(URI leadingMaster) {
        this.leader = leadingMaster;
    }

    public void lead() {
        this.leader = null;
    }

    /** Require HTTP Basic authentication with this principal and secret. */
    public void requireCredential(String principal, String secret) {
        this.credential = new String[] {principal, secret};
    }

    /**
     * Called with every call the master accepted (202), after answering, on the request's thread: where
     * a simulator acts on ACCEPT, KILL, ACKNOWLEDGE and the like.
     */
    public void onAcceptedCall(Consumer<Call> observer) {
        this.callObserver = observer;
    }

    public void heartbeatInterval(Duration interval) {
        this.heartbeat = interval;
    }

    /**
     * Simulates a partition of the current stream: it stays open but no heartbeat comes through. A later
     * subscription is not affected.
     */
    public void silenceCurrentStream() {
        Subscription current = subscription;
        if (current == null) {
            throw new IllegalStateException("no scheduler subscribed");
        }
        current.silent = true;
    }

    public void sendEvent(Event event) {
        Subscription current = subscription;
        if (current == null || !current.open) {
            throw new IllegalStateException("no scheduler subscribed");
        }
        current.frames.add(new Send(event));
    }

    /**
     * From now on the master answers SUBSCRIBE as Mesos does for a framework it has removed (its
     * failover timeout passed, or it was torn down): an ERROR event with {@code message}, then the
     * end of the stream.
     */
    public void removeFramework(String message) {
        removal = message;
    }

    /** The master ends the event stream, as on failover or when it drops a scheduler. */
    public void closeStream() {
        Subscription current = subscription;
        if (current != null) {
            current.frames.add(new Close());
        }
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The calls the master accepted (202), SUBSCRIBE included (answered 200). */
    public List<Call> acceptedCalls() {
        return requests.stream().filter(r -> r.status() == 200 || r.status() == 202).map(Request::call).toList();
    }

    public long subscriptions() {
        return requests.stream().filter(r -> r.status() == 200).count();
    }

    public Optional<String> streamId() {
        Subscription current = subscription;
        return current != null && current.open ? Optional.of(current.streamId) : Optional.empty();
    }

    public boolean isStreamOpen() {
        Subscription current = subscription;
        return current != null && current.open;
    }

    public Optional<FrameworkID> frameworkId() {
        return Optional.ofNullable(frameworkId);
    }

    @Override
    public void close() {
        Subscription current = subscription;
        if (current != null) {
            current.frames.add(new Close());
        }
        handlers.shutdownNow();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                answer(exchange, null, 404, "");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Call call = parseQuietly(body);
            String[] required = credential;
            if (required != null && !authorized(exchange.getRequestHeaders(), required)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"mesos\"");
                answer(exchange, call, 401, "");
                return;
            }
            URI leading = leader;
            if (leading != null) {
                exchange.getResponseHeaders().add("Location", "//" + leading.getAuthority() + PATH);
                answer(exchange, call, 307, "");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().add("Allow", "POST");
                answer(exchange, call, 405, "Expecting a 'POST' request, received '" + exchange.getRequestMethod() + "'");
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null) {
                answer(exchange, call, 400, "Expecting 'Content-Type' to be present");
                return;
            }
            if (!contentType.equals(PROTOBUF)) {
                answer(exchange, call, contentType.equals(JSON) ? 406 : 415, contentType.equals(JSON)
                        ? "This fake master speaks protobuf only"
                        : "Expecting 'Content-Type' of " + JSON + " or " + PROTOBUF);
                return;
            }
            if (call == null) {
                answer(exchange, null, 400, "Failed to parse body into Call protobuf");
                return;
            }
            Optional<String> invalid = CallValidation.validate(call);
            if (invalid.isPresent()) {
                answer(exchange, call, 400, "Failed to validate scheduler::Call: " + invalid.get());
                return;
            }
            if (call.getType() == Call.Type.SUBSCRIBE) {
                subscribe(exchange, call);
            } else {
                otherCall(exchange, call);
            }
        }
    }

    private void subscribe(HttpExchange exchange, Call call) throws IOException {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept == null || accept.contains(JSON) || accept.contains("*/*")) {
            answer(exchange, call, 406, "This fake master answers only Accept: " + PROTOBUF);
            return;
        }
        if (!accept.contains(PROTOBUF)) {
            answer(exchange, call, 406, "Expecting 'Accept' to allow '" + JSON + "' or '" + PROTOBUF + "'");
            return;
        }
        if (exchange.getRequestHeaders().containsKey("Mesos-Stream-Id")) {
            answer(exchange, call, 400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
            return;
        }
        String removed = removal;
        if (removed != null) {
            Subscription refused = new Subscription();
            refused.frames.add(new Close());
            requests.add(new Request(call, exchange.getRequestHeaders(), 200, ""));
            exchange.getResponseHeaders().add("Content-Type", PROTOBUF);
            exchange.getResponseHeaders().add("Mesos-Stream-Id", refused.streamId);
            exchange.sendResponseHeaders(200, 0);
            stream(exchange.getResponseBody(), refused, Event.newBuilder().setType(Event.Type.ERROR)
                    .setError(Event.Error.newBuilder().setMessage(removed)).build());
            return;
        }
        FrameworkID id = call.getSubscribe().getFrameworkInfo().hasId()
                ? call.getSubscribe().getFrameworkInfo().getId()
                : FrameworkID.newBuilder().setValue("fake-framework-" + frameworkCounter.incrementAndGet()).build();
        Subscription previous = subscription;
        if (previous != null) {
            previous.frames.add(new Close()); // one subscription per framework: the newer wins
        }
        Subscription current = new Subscription();
        frameworkId = id;
        subscription = current;
        requests.add(new Request(call, exchange.getRequestHeaders(), 200, ""));
        exchange.getResponseHeaders().add("Content-Type", PROTOBUF);
        exchange.getResponseHeaders().add("Mesos-Stream-Id", current.streamId);
        exchange.sendResponseHeaders(200, 0); // chunked
        stream(exchange.getResponseBody(), current, subscribed(id));
    }

    private Event subscribed(FrameworkID id) {
        MasterInfo info = MasterInfo.newBuilder().setId(masterId).setIp(0x0100007f).setPort(server.getAddress().getPort())
                .setHostname("127.0.0.1").build();
        return Event.newBuilder().setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder().setFrameworkId(id)
                        .setHeartbeatIntervalSeconds(heartbeat.toNanos() / 1e9).setMasterInfo(info))
                .build();
    }

    private void stream(OutputStream out, Subscription current, Event first) {
        try {
            write(out, first);
            while (true) {
                Frame frame = current.frames.poll(heartbeat.toNanos(), TimeUnit.NANOSECONDS);
                if (frame instanceof Close) {
                    return;
                }
                if (frame instanceof Send send) {
                    write(out, send.event());
                } else if (!current.silent) {
                    write(out, Event.newBuilder().setType(Event.Type.HEARTBEAT).build());
                }
            }
        } catch (IOException | InterruptedException e) {
            // The scheduler went away (or the fake is closing): the subscription is over.
        } finally {
            current.open = false;
        }
    }

    private static void write(OutputStream out, Event event) throws IOException {
        out.write(RecordIo.frame(event.toByteArray()));
        out.flush();
    }

    private void otherCall(HttpExchange exchange, Call call) throws IOException {
        FrameworkID known = frameworkId;
        if (known == null || !known.equals(call.getFrameworkId())) {
            answer(exchange, call, 400, "Framework cannot be found");
            return;
        }
        Subscription current = subscription;
        if (current == null || !current.open) {
            answer(exchange, call, 403, "Framework is not subscribed");
            return;
        }
        String streamId = exchange.getRequestHeaders().getFirst("Mesos-Stream-Id");
        if (streamId == null) {
            answer(exchange, call, 400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
            return;
        }
        if (!streamId.equals(current.streamId)) {
            answer(exchange, call, 400, "The stream ID '" + streamId + "' included in this request didn't match the stream ID currently associated with framework ID " + known.getValue());
            return;
        }
        answer(exchange, call, 202, "");
        if (call.getType() == Call.Type.TEARDOWN) {
            frameworkId = null;
            current.frames.add(new Close());
        }
        callObserver.accept(call);
    }

    private void answer(HttpExchange exchange, Call call, int status, String text) throws IOException {
        requests.add(new Request(call, exchange.getRequestHeaders(), status, text));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static boolean authorized(Headers headers, String[] required) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (required[0] + ":" + required[1]).getBytes(StandardCharsets.UTF_8));
        return expected.equals(headers.getFirst("Authorization"));
    }

    private static Call parseQuietly(byte[] body) {
        try {
            return Call.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }
}
