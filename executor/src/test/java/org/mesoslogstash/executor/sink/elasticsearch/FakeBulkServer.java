package org.mesoslogstash.executor.sink.elasticsearch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code POST /_bulk} like Elasticsearch: {@code create} stores a document under its id
 * (201), or refuses it with 409 when the id is taken. What a request gets instead can be scripted,
 * one {@link Behaviour} per request in arrival order (429s, per-item errors, 5xx, held answers).
 */
final class FakeBulkServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** index -> id -> document. */
    final Map<String, Map<String, JsonNode>> indexes = new ConcurrentHashMap<>();
    /** The ids of each request received, in arrival order. */
    final List<List<String>> requests = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> requestBytes = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    private final Deque<Behaviour> script = new ArrayDeque<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /** The answer to one request. */
    @FunctionalInterface
    interface Behaviour {
        Answer answer(List<Action> actions, FakeBulkServer server) throws Exception;
    }

    record Action(String index, String id, JsonNode document) {
    }

    record Answer(int status, String body) {
    }

    FakeBulkServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next requests get these behaviours, in order; after them, {@link #normal()}. */
    synchronized FakeBulkServer then(Behaviour... behaviours) {
        script.addAll(List.of(behaviours));
        return this;
    }

    int documentCount() {
        return indexes.values().stream().mapToInt(Map::size).sum();
    }

    Map<String, JsonNode> index(String name) {
        return indexes.getOrDefault(name, Map.of());
    }

    private synchronized Behaviour next() {
        Behaviour behaviour = script.pollFirst();
        return behaviour == null ? normal() : behaviour;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/_bulk")
                    || !"application/x-ndjson".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                reply(exchange, new Answer(400, "{\"error\":\"not a bulk request\"}"));
                return;
            }
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            List<Action> actions = parse(body);
            requests.add(actions.stream().map(Action::id).toList());
            requestBytes.add(body.length);
            Answer answer;
            try {
                answer = next().answer(actions, this);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                answer = new Answer(500, "{\"error\":\"" + e + "\"}");
            }
            reply(exchange, answer);
        } catch (IOException e) {
            // The client gave up (a timeout in the test); nothing to answer.
        }
    }

    private static void reply(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static List<Action> parse(byte[] body) {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i + 1 < lines.length; i += 2) {
            JsonNode create = JSON.readTree(lines[i]).get("create");
            actions.add(new Action(create.get("_index").asString(), create.get("_id").asString(), JSON.readTree(lines[i + 1])));
        }
        return actions;
    }

    /** Stores each new id (201) and refuses a known one (409). */
    static Behaviour normal() {
        return (actions, server) -> server.items(actions, i -> 0, null, null);
    }

    /** The whole request is answered with {@code status}. */
    static Behaviour status(int status) {
        return (actions, server) -> new Answer(status, "{\"error\":{\"type\":\"test\",\"reason\":\"scripted " + status + "\"},\"status\":" + status + "}");
    }

    /** Items whose position matches get {@code status} with an error of {@code type}; the others are stored. */
    static Behaviour items(java.util.function.IntPredicate which, int status, String type) {
        return (actions, server) -> server.items(actions, i -> which.test(i) ? status : 0, type, "scripted " + type);
    }

    /** Stores the documents, then answers only when {@code release} counts down. */
    static Behaviour storeThenHold(java.util.concurrent.CountDownLatch release) {
        return (actions, server) -> {
            Answer answer = server.items(actions, i -> 0, null, null);
            release.await();
            return answer;
        };
    }

    /** Waits for {@code release}, then behaves normally. */
    static Behaviour holdThenStore(java.util.concurrent.CountDownLatch release) {
        return (actions, server) -> {
            release.await();
            return server.items(actions, i -> 0, null, null);
        };
    }

    private Answer items(List<Action> actions, java.util.function.IntUnaryOperator forcedStatus, String type, String reason) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode items = root.putArray("items");
        boolean errors = false;
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            int status = forcedStatus.applyAsInt(i);
            if (status == 0) {
                JsonNode previous = indexes.computeIfAbsent(action.index(), k -> new ConcurrentHashMap<>())
                        .putIfAbsent(action.id(), action.document());
                status = previous == null ? 201 : 409;
            }
            ObjectNode result = items.addObject().putObject("create");
            result.put("status", status);
            if (status >= 300) {
                errors = true;
                ObjectNode error = result.putObject("error");
                error.put("type", status == 409 ? "version_conflict_engine_exception" : type);
                error.put("reason", status == 409 ? "[" + action.id() + "]: version conflict, document already exists" : reason);
            }
        }
        root.put("errors", errors);
        return new Answer(200, root.toString());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
