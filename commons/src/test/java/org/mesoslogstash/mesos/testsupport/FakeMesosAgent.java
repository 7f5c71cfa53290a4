package org.mesoslogstash.mesos.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.mesoslogstash.mesos.recordio.RecordIo;

/**
 * A Mesos agent's {@code /api/v1/executor} endpoint on the JDK's HTTP server, for one executor of one
 * framework, speaking the real wire format: protobuf Calls in, a RecordIO stream of protobuf Events
 * out, 202 for accepted calls, and the statuses and plain-text reasons Mesos' agent gives for rejected
 * requests (its {@code Slave::Http::executor} order: method, Content-Type, parse, validation, Accept,
 * framework and executor lookup, authentication claims, subscription state).
 *
 * <p>Tests push events ({@link #launch}, {@link #kill}, {@link #sendEvent}...). Updates are
 * acknowledged at once unless {@link #autoAcknowledge(boolean)} says otherwise, like an agent whose
 * status update manager stored them. {@link #stop()} and {@link #restart()} play an agent process
 * restart: the stream drops, connections are refused, then it listens again on the same port and
 * wants a new SUBSCRIBE. Only protobuf is spoken: a request that would get JSON gets 406 here.
 */
public final class FakeMesosAgent implements AutoCloseable {

    public static final String PATH = "/api/v1/executor";
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";

    /** A request as the agent saw it, and what it answered. */
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

    private static final class Subscription {
        final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        volatile boolean open = true;
    }

    private final FrameworkID frameworkId;
    private final ExecutorID executorId;
    private final AgentID agentId = AgentID.newBuilder().setValue("fake-agent-S0").build();
    private final int port;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private volatile HttpServer server;
    private volatile ExecutorService handlers;
    private volatile Subscription subscription;
    private volatile boolean executorSubscribed;
    private volatile boolean autoAcknowledge = true;
    private volatile String requiredToken;
    private volatile int refuseSubscribeStatus;
    private volatile String refuseSubscribeBody;

    private FakeMesosAgent(FrameworkID frameworkId, ExecutorID executorId, int port) throws IOException {
        this.frameworkId = frameworkId;
        this.executorId = executorId;
        listen(port);
        this.port = server.getAddress().getPort();
    }

    /** An agent on a free port that runs executor {@code executorId} of framework {@code frameworkId}. */
    public static FakeMesosAgent start(String frameworkId, String executorId) throws IOException {
        return new FakeMesosAgent(FrameworkID.newBuilder().setValue(frameworkId).build(),
                ExecutorID.newBuilder().setValue(executorId).build(), 0);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public AgentID agentId() {
        return agentId;
    }

    /**
     * The environment this agent would give its executor: checkpointing with the given recovery
     * timeout and backoff (Mesos duration strings), or none when {@code recoveryTimeout} is null.
     */
    public Map<String, String> executorEnvironment(String recoveryTimeout, String backoffMax) {
        Map<String, String> env = new HashMap<>();
        env.put("MESOS_AGENT_ENDPOINT", "127.0.0.1:" + port);
        env.put("MESOS_FRAMEWORK_ID", frameworkId.getValue());
        env.put("MESOS_EXECUTOR_ID", executorId.getValue());
        env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "5secs");
        env.put("MESOS_DIRECTORY", "/tmp/fake-agent/sandbox");
        env.put("MESOS_SANDBOX", "/tmp/fake-agent/sandbox");
        env.put("MESOS_CHECKPOINT", recoveryTimeout == null ? "0" : "1");
        if (recoveryTimeout != null) {
            env.put("MESOS_RECOVERY_TIMEOUT", recoveryTimeout);
            env.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", backoffMax);
        }
        return env;
    }

    /** Require {@code Authorization: Bearer <token>}, as an agent with executor authentication does. */
    public void requireToken(String token) {
        this.requiredToken = token;
    }

    /**
     * Answer SUBSCRIBE with this status and plain-text body until {@link #acceptSubscriptions()}, as an
     * agent still starting (503, or 404 before its routes are up) or one that forgot the executor does.
     */
    public void refuseSubscriptions(int status, String body) {
        this.refuseSubscribeBody = body;
        this.refuseSubscribeStatus = status;
    }

    public void acceptSubscriptions() {
        this.refuseSubscribeStatus = 0;
    }

    /** Whether UPDATEs (and those re-sent with SUBSCRIBE) are acknowledged at once; true at first. */
    public void autoAcknowledge(boolean enabled) {
        this.autoAcknowledge = enabled;
    }

    public void sendEvent(Event event) {
        Subscription current = subscription;
        if (current == null || !current.open) {
            throw new IllegalStateException("no executor subscribed");
        }
        current.frames.add(new Send(event));
    }

    public TaskInfo launch(String taskId) {
        TaskInfo task = TaskInfo.newBuilder().setName(taskId).setTaskId(TaskID.newBuilder().setValue(taskId)).setAgentId(agentId)
                .build();
        sendEvent(Event.newBuilder().setType(Event.Type.LAUNCH).setLaunch(Event.Launch.newBuilder().setTask(task)).build());
        return task;
    }

    public void kill(String taskId) {
        sendEvent(Event.newBuilder().setType(Event.Type.KILL)
                .setKill(Event.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId))).build());
    }

    public void message(byte[] data) {
        sendEvent(Event.newBuilder().setType(Event.Type.MESSAGE)
                .setMessage(Event.Message.newBuilder().setData(ByteString.copyFrom(data))).build());
    }

    public void shutdown() {
        sendEvent(Event.newBuilder().setType(Event.Type.SHUTDOWN).build());
    }

    /** Sends a HEARTBEAT if a stream is open; whether one was (a closed connection shows on the next write). */
    public boolean heartbeat() {
        Subscription current = subscription;
        if (current == null || !current.open) {
            return false;
        }
        current.frames.add(new Send(Event.newBuilder().setType(Event.Type.HEARTBEAT).build()));
        return true;
    }

    public void acknowledge(TaskStatus status) {
        sendEvent(acknowledged(status));
    }

    /** Ends the event stream; the agent keeps running. */
    public void closeStream() {
        Subscription current = subscription;
        if (current != null) {
            current.frames.add(new Close());
        }
    }

    /** The agent process goes away: the stream drops and connections are refused until {@link #restart()}. */
    public void stop() {
        closeStream();
        executorSubscribed = false;
        server.stop(0);
        handlers.shutdownNow();
    }

    /** The agent comes back on the same port, recovered: the executor must SUBSCRIBE again. */
    public void restart() throws IOException {
        listen(port);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Accepted SUBSCRIBE calls, oldest first. */
    public List<Call.Subscribe> subscriptions() {
        return accepted(Call.Type.SUBSCRIBE).stream().map(Call::getSubscribe).toList();
    }

    /** Statuses of accepted UPDATE calls, oldest first. */
    public List<TaskStatus> updates() {
        return accepted(Call.Type.UPDATE).stream().map(call -> call.getUpdate().getStatus()).toList();
    }

    /** Data of accepted MESSAGE calls, oldest first. */
    public List<ByteString> messages() {
        return accepted(Call.Type.MESSAGE).stream().map(call -> call.getMessage().getData()).toList();
    }

    public boolean isStreamOpen() {
        Subscription current = subscription;
        return current != null && current.open;
    }

    @Override
    public void close() {
        stop();
    }

    private List<Call> accepted(Call.Type type) {
        return requests.stream().filter(r -> r.status() / 100 == 2 && r.call() != null && r.call().getType() == type)
                .map(Request::call).toList();
    }

    private void listen(int onPort) throws IOException {
        LocalHttpServer listening = LocalHttpServer.listen(onPort, this::handle);
        handlers = listening.handlers();
        server = listening.server();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                answer(exchange, null, 404, "");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Call call = parseQuietly(body);
            String token = requiredToken;
            if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"mesos-agent-executor\"");
                answer(exchange, call, 401, "");
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
                        ? "This fake agent speaks protobuf only"
                        : "Expecting 'Content-Type' of " + JSON + " or " + PROTOBUF);
                return;
            }
            if (call == null) {
                answer(exchange, null, 400, "Failed to parse body into Call protobuf");
                return;
            }
            Optional<String> invalid = ExecutorCallValidation.validate(call);
            if (invalid.isPresent()) {
                answer(exchange, call, 400, "Failed to validate Executor::Call: " + invalid.get());
                return;
            }
            if (call.getType() == Call.Type.SUBSCRIBE) {
                String accept = exchange.getRequestHeaders().getFirst("Accept");
                if (accept == null || accept.contains(JSON) || accept.contains("*/*") || !accept.contains(PROTOBUF)) {
                    answer(exchange, call, 406, "This fake agent answers only Accept: " + PROTOBUF);
                    return;
                }
            }
            if (!call.getFrameworkId().equals(frameworkId)) {
                answer(exchange, call, 400, "Framework cannot be found");
                return;
            }
            if (!call.getExecutorId().equals(executorId)) {
                answer(exchange, call, 400, "Executor cannot be found");
                return;
            }
            if (!executorSubscribed && call.getType() != Call.Type.SUBSCRIBE) {
                answer(exchange, call, 403, "Executor is not subscribed");
                return;
            }
            switch (call.getType()) {
                case SUBSCRIBE -> subscribe(exchange, call);
                case UPDATE -> {
                    answer(exchange, call, 202, "");
                    if (autoAcknowledge) {
                        acknowledgeQuietly(call.getUpdate().getStatus());
                    }
                }
                case MESSAGE, HEARTBEAT -> answer(exchange, call, 202, "");
                default -> answer(exchange, call, 501, "");
            }
        }
    }

    private void subscribe(HttpExchange exchange, Call call) throws IOException {
        int refusal = refuseSubscribeStatus;
        if (refusal != 0) {
            answer(exchange, call, refusal, refuseSubscribeBody);
            return;
        }
        Subscription previous = subscription;
        if (previous != null) {
            previous.frames.add(new Close()); // one subscription per executor: the newer wins
        }
        Subscription current = new Subscription();
        subscription = current;
        executorSubscribed = true;
        requests.add(new Request(call, exchange.getRequestHeaders(), 200, ""));
        if (autoAcknowledge) {
            // The agent takes the re-sent updates in as if they were UPDATE calls.
            call.getSubscribe().getUnacknowledgedUpdatesList().forEach(update -> current.frames.add(new Send(acknowledged(update.getStatus()))));
        }
        exchange.getResponseHeaders().add("Content-Type", PROTOBUF);
        exchange.sendResponseHeaders(200, 0); // chunked
        OutputStream out = exchange.getResponseBody();
        try {
            write(out, subscribed());
            while (true) {
                Frame frame = current.frames.take();
                if (frame instanceof Send send) {
                    write(out, send.event());
                } else {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The executor went away, or the agent is stopping: the subscription is over.
        } finally {
            current.open = false;
        }
    }

    private Event subscribed() {
        FrameworkInfo framework = FrameworkInfo.newBuilder().setId(frameworkId).setUser("root").setName("fake-framework").build();
        ExecutorInfo executor = ExecutorInfo.newBuilder().setExecutorId(executorId).setFrameworkId(frameworkId)
                .setCommand(CommandInfo.newBuilder().setValue("/bin/executor")).build();
        AgentInfo agent = AgentInfo.newBuilder().setId(agentId).setHostname("127.0.0.1").setPort(port).build();
        return Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                .setExecutorInfo(executor).setFrameworkInfo(framework).setAgentInfo(agent)).build();
    }

    private static Event acknowledged(TaskStatus status) {
        return Event.newBuilder().setType(Event.Type.ACKNOWLEDGED).setAcknowledged(Event.Acknowledged.newBuilder()
                .setTaskId(status.getTaskId()).setUuid(status.getUuid())).build();
    }

    private void acknowledgeQuietly(TaskStatus status) {
        Subscription current = subscription;
        if (current != null && current.open) {
            current.frames.add(new Send(acknowledged(status)));
        }
    }

    private static void write(OutputStream out, Event event) throws IOException {
        out.write(RecordIo.frame(event.toByteArray()));
        out.flush();
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

    private static Call parseQuietly(byte[] body) {
        try {
            return Call.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }
}
