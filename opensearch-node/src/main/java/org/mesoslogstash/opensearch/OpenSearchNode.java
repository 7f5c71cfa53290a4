package org.mesoslogstash.opensearch;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real single OpenSearch node in a process of its own ({@link OpenSearchNodeMain}, on the
 * classpath of this JVM, heap fixed), listening on 127.0.0.1 on ports chosen free once and kept
 * across restarts, with its data under a base path of the caller's. Also a small REST client for
 * what its users check or set up.
 */
public final class OpenSearchNode implements AutoCloseable {

    /** The heap the node gets unless told otherwise: enough for tests and one machine's logs. */
    public static final String HEAP = "512m";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path basePath;
    private final String heap;
    private final int httpPort;
    private final int transportPort;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Duration startTimeout = START_TIMEOUT;
    private Process process;
    private int starts;
    private int writeThreads;
    private int writeQueue;

    public OpenSearchNode(Path basePath) throws IOException {
        this(basePath, HEAP, freePort());
    }

    /** @param heap a JVM size ({@code 512m}); @param httpPort the port of the REST API */
    public OpenSearchNode(Path basePath, String heap, int httpPort) throws IOException {
        this.basePath = basePath;
        this.heap = heap;
        this.httpPort = httpPort;
        this.transportPort = freePort();
    }

    /** How long a start may take before it is given up (2 minutes unless set); returns this node. */
    public OpenSearchNode startTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Starts the node with OpenSearch's default write thread pool and waits until it answers; returns how long that took. */
    public Duration start() throws IOException {
        int processors = Runtime.getRuntime().availableProcessors();
        return start(processors, 10_000);
    }

    /** Starts the node and waits until it answers; returns how long that took. */
    public Duration start(int writeThreads, int writeQueue) throws IOException {
        long started = System.nanoTime();
        this.writeThreads = writeThreads;
        this.writeQueue = writeQueue;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.createDirectories(basePath);
        Path log = basePath.resolve("node-" + (++starts) + ".log");
        List<String> command = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap,
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), OpenSearchNodeMain.class.getName(),
                basePath.resolve("home").toString(), String.valueOf(httpPort), String.valueOf(transportPort),
                String.valueOf(writeThreads), String.valueOf(writeQueue)));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = started + startTimeout.toNanos();
        while (!healthy()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the OpenSearch node exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                stopQuietly();
                throw new IllegalStateException("the OpenSearch node did not answer within " + startTimeout + "; see " + log);
            }
            pause();
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Restarts the node unless it runs with these write thread pool settings; returns how long that took. */
    public Duration runWith(int threads, int queue) throws IOException, InterruptedException {
        if (process != null && process.isAlive() && threads == writeThreads && queue == writeQueue) {
            return Duration.ZERO;
        }
        stop();
        return start(threads, queue);
    }

    /** Ends the node's process abruptly (kill -9): what is acknowledged must survive that. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Ends the node's process with SIGTERM, letting it close. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the OpenSearch node started", e);
        }
    }

    private boolean healthy() {
        try {
            // The node answers; indexes may still be recovering (a killed node replays its translog).
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri().resolve("/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public JsonNode request(String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Documents in {@code index} after a refresh; -1 while that cannot be known (the index does not
     * exist yet, or its shard is still starting), for waiting on it.
     */
    public long count(String index) {
        try {
            request("POST", "/" + index + "/_refresh", null);
            return request("GET", "/" + index + "/_count", null).get("count").asLong();
        } catch (IllegalStateException e) {
            System.out.println("[opensearch] count of " + index + " not known yet: " + e.getMessage());
            return -1;
        }
    }

    /** Every document of {@code index} (a scroll), as the hits: {@code _id} and {@code _source}. */
    public List<JsonNode> documents(String index) {
        request("POST", "/" + index + "/_refresh", null);
        List<JsonNode> hits = new ArrayList<>();
        JsonNode page = request("POST", "/" + index + "/_search?scroll=1m", "{\"size\": 5000, \"sort\": [\"_doc\"]}");
        while (true) {
            JsonNode pageHits = page.get("hits").get("hits");
            if (pageHits.isEmpty()) {
                break;
            }
            pageHits.forEach(hits::add);
            page = request("POST", "/_search/scroll", "{\"scroll\": \"1m\", \"scroll_id\": \"" + page.get("_scroll_id").asString() + "\"}");
        }
        return hits;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
