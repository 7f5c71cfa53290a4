package org.mesoslogstash.executor.logstash;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import sun.misc.Signal;

/**
 * A stand-in for Logstash's CLI and monitoring API, for tests on machines without Logstash; it is
 * started by the {@code bin/logstash} script {@link StandInLogstashHome} writes.
 *
 * <p>What it imitates: {@code --path.settings}; logstash.yml's {@code path.data},
 * {@code api.http.host}/{@code api.http.port}; pipelines.yml entries ({@code pipeline.id},
 * {@code path.config}, {@code queue.type}); the API answering some time after start, pipelines
 * coming up one by one after that; {@code /}, {@code /_node/pipelines} and
 * {@code /_node/stats/pipelines} in the documented JSON shape; SIGHUP (trapped only once the first
 * pipelines run, as Logstash's runner does; before that it ends the process) re-reading pipelines.yml and
 * re-creating only the pipelines whose configuration or settings changed (new ephemeral id,
 * {@code reloads.successes} + 1), starting added ones and stopping removed ones; refusing a
 * configuration containing {@code standin-syntax-error} with a Logstash-like {@code last_error}
 * (the old version keeps running); SIGTERM ending it with code 0 after a short shutdown.
 *
 * <p>Test levers: a file {@code standin-crash} in path.data makes it die at once with code 1 (the
 * file is consumed); a file {@code standin-ignore-sigterm} in path.data when it starts makes it
 * ignore SIGTERM; {@code STANDIN_API_DELAY_MS} and {@code STANDIN_PIPELINE_DELAY_MS} set its pace.
 */
public final class StandInLogstash {

    static final String SYNTAX_ERROR_MARKER = "standin-syntax-error";
    static final String CRASH_FILE = "standin-crash";
    static final String IGNORE_SIGTERM_FILE = "standin-ignore-sigterm";

    private final Path settingsDir;
    private final Map<String, String> nodeSettings;
    private final String nodeId = UUID.randomUUID().toString();
    private final Map<String, PipelineState> pipelines = new TreeMap<>();
    private final long pipelineDelayMs;
    private final Object reloadLock = new Object();

    /** One pipeline id's figures (they outlive reloads, as Logstash's do) and the version that runs. */
    private static final class PipelineState {
        Map<String, String> running; // settings + "config" of the running version; null if none runs
        String ephemeralId = "";
        long events;
        long successes;
        long failures;
        String lastError;
        String lastSuccess;
        String lastFailure;
    }

    private StandInLogstash(Path settingsDir) throws IOException {
        this.settingsDir = settingsDir;
        this.nodeSettings = readFlatYaml(settingsDir.resolve("logstash.yml"));
        this.pipelineDelayMs = Long.parseLong(System.getenv().getOrDefault("STANDIN_PIPELINE_DELAY_MS", "300"));
    }

    public static void main(String[] args) throws Exception {
        Path settings = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--path.settings")) {
                settings = Path.of(args[i + 1]);
            }
        }
        if (settings == null) {
            System.err.println("ERROR: standin Logstash needs --path.settings");
            System.exit(1);
        }
        new StandInLogstash(settings).run();
    }

    private void run() throws Exception {
        Path data = Path.of(nodeSettings.get("path.data"));
        Files.createDirectories(data);
        log("INFO ", "logstash.runner", "Starting Logstash {\"logstash.version\"=>\"8.15.0-standin\", \"jruby.version\"=>\"none\"}");
        if (Files.exists(data.resolve(IGNORE_SIGTERM_FILE))) {
            Signal.handle(new Signal("TERM"), signal -> log("WARN ", "logstash.runner", "SIGTERM received and ignored (standin-ignore-sigterm)"));
        } else {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> log("INFO ", "logstash.runner", "Logstash shut down.")));
        }
        Thread.ofPlatform().daemon().start(() -> watchForCrash(data.resolve(CRASH_FILE)));
        Thread.sleep(Long.parseLong(System.getenv().getOrDefault("STANDIN_API_DELAY_MS", "500")));
        HttpServer server = HttpServer.create(new InetSocketAddress(nodeSettings.getOrDefault("api.http.host", "127.0.0.1"),
                Integer.parseInt(nodeSettings.getOrDefault("api.http.port", "9600"))), 16);
        server.setExecutor(Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().factory()));
        server.createContext("/", this::serve);
        server.start();
        log("INFO ", "logstash.agent", "Successfully started Logstash API endpoint {:port=>" + server.getAddress().getPort() + "}");
        converge();
        // Like Logstash's runner, SIGHUP is trapped only once the agent runs: before, it ends the JVM.
        Signal.handle(new Signal("HUP"), signal -> Thread.ofPlatform().start(() -> {
            log("WARN ", "logstash.runner", "SIGHUP received.");
            converge();
        }));
        Thread ticker = Thread.ofPlatform().start(this::tick);
        ticker.join();
    }

    /** Makes the running pipelines what pipelines.yml says, re-creating only what changed; one at a time. */
    private void converge() {
        synchronized (reloadLock) {
            synchronized (this) {
                convergeLocked();
            }
        }
    }

    private void convergeLocked() {
        Map<String, Map<String, String>> wanted;
        try {
            wanted = readPipelinesYml(settingsDir.resolve("pipelines.yml"));
        } catch (IOException | RuntimeException e) {
            log("ERROR", "logstash.agent", "Failed to read pipelines yaml file. " + e);
            return;
        }
        for (String id : new ArrayList<>(pipelines.keySet())) {
            if (!wanted.containsKey(id)) {
                pipelines.remove(id);
                log("INFO ", "logstash.javapipeline", "Pipeline terminated {\"pipeline.id\"=>\"" + id + "\"}");
            }
        }
        for (Map.Entry<String, Map<String, String>> entry : wanted.entrySet()) {
            String id = entry.getKey();
            Map<String, String> version = new TreeMap<>(entry.getValue());
            PipelineState state = pipelines.computeIfAbsent(id, k -> new PipelineState());
            String config;
            try {
                config = Files.readString(Path.of(version.get("path.config")));
            } catch (IOException e) {
                fail(id, state, "No config files found in path {:path=>\"" + version.get("path.config") + "\"}");
                continue;
            }
            version.put("config", config);
            if (version.equals(state.running)) {
                continue;
            }
            int marker = config.indexOf(SYNTAX_ERROR_MARKER);
            if (marker >= 0) {
                fail(id, state, syntaxError(config, marker));
                continue;
            }
            boolean reload = state.running != null;
            pause(pipelineDelayMs);
            state.running = version;
            state.ephemeralId = UUID.randomUUID().toString();
            if (reload) {
                state.successes++;
                state.lastSuccess = Instant.now().toString();
            }
            createQueue(id, version);
            log("INFO ", "logstash.javapipeline", "Pipeline started {\"pipeline.id\"=>\"" + id + "\"}");
        }
        pipelines.values().removeIf(s -> s.running == null && s.failures == 0);
        log("INFO ", "logstash.agent", "Pipelines running {:count=>" + pipelines.values().stream().filter(s -> s.running != null).count()
                + ", :running_pipelines=>" + pipelines.keySet() + "}");
    }

    private void fail(String id, PipelineState state, String message) {
        state.failures++;
        state.lastError = message;
        state.lastFailure = Instant.now().toString();
        log("ERROR", "logstash.agent", "Failed to execute action {:id=>:" + id + ", :action_type=>LogStash::ConvergeResult::FailedAction, "
                + ":message=>\"" + message + "\"}");
    }

    private static String syntaxError(String config, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (config.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "Expected one of [ \\t\\r\\n], \"#\", \"{\" at line " + line + ", column " + column + " (byte " + (offset + 1) + ") after "
                + config.substring(0, offset).strip();
    }

    private void createQueue(String id, Map<String, String> version) {
        if ("persisted".equals(version.get("queue.type"))) {
            try {
                Path queue = Path.of(nodeSettings.get("path.data"), "queue", id);
                Files.createDirectories(queue);
                if (!Files.exists(queue.resolve("page.0"))) {
                    Files.write(queue.resolve("page.0"), new byte[4096]);
                }
            } catch (IOException e) {
                log("ERROR", "logstash.javapipeline", "cannot create the queue of " + id + ": " + e);
            }
        }
    }

    private void tick() {
        while (true) {
            sleepQuietly(100);
            synchronized (this) {
                pipelines.values().stream().filter(s -> s.running != null).forEach(s -> s.events += 10);
            }
        }
    }

    private static void watchForCrash(Path marker) {
        while (true) {
            sleepQuietly(50);
            if (Files.exists(marker)) {
                try {
                    Files.deleteIfExists(marker);
                } catch (IOException e) {
                    // crash anyway
                }
                log("FATAL", "org.logstash.Logstash", "Logstash stopped processing because of an error: (StandInCrash) simulated crash");
                Runtime.getRuntime().halt(1);
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        int status = 200;
        synchronized (this) {
            body = switch (path) {
                case "/" -> "{" + header() + ",\"pipeline\":{\"workers\":2,\"batch_size\":125,\"batch_delay\":50}}";
                case "/_node/pipelines" -> "{" + header() + ",\"pipelines\":" + nodePipelines() + "}";
                case "/_node/stats/pipelines" -> "{" + header() + ",\"pipelines\":" + statsPipelines() + "}";
                default -> null;
            };
        }
        if (body == null) {
            status = 404;
            body = "{\"path\":" + json(path) + ",\"status\":404,\"error\":{\"message\":\"Not Found\"}}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String header() {
        return "\"host\":\"standin\",\"version\":\"8.15.0-standin\",\"http_address\":" + json(nodeSettings.get("api.http.host") + ":"
                + nodeSettings.get("api.http.port")) + ",\"id\":" + json(nodeId) + ",\"name\":\"standin\",\"ephemeral_id\":"
                + json(nodeId) + ",\"status\":\"green\",\"snapshot\":false";
    }

    private String nodePipelines() {
        StringBuilder out = new StringBuilder("{");
        pipelines.forEach((id, s) -> {
            if (s.running != null) {
                out.append(out.length() > 1 ? "," : "").append(json(id)).append(":{\"ephemeral_id\":").append(json(s.ephemeralId))
                        .append(",\"hash\":").append(json(Integer.toHexString(s.running.hashCode())))
                        .append(",\"workers\":2,\"batch_size\":125,\"batch_delay\":50,\"config_reload_automatic\":false,")
                        .append("\"config_reload_interval\":3000000000,\"dead_letter_queue_enabled\":false}");
            }
        });
        return out.append('}').toString();
    }

    private String statsPipelines() {
        StringBuilder out = new StringBuilder("{");
        pipelines.forEach((id, s) -> {
            boolean persisted = s.running != null && "persisted".equals(s.running.get("queue.type"));
            out.append(out.length() > 1 ? "," : "").append(json(id)).append(":{")
                    .append("\"events\":{\"in\":").append(s.events).append(",\"filtered\":").append(s.events).append(",\"out\":").append(s.events)
                    .append(",\"duration_in_millis\":0,\"queue_push_duration_in_millis\":0},")
                    .append("\"plugins\":{\"inputs\":[],\"codecs\":[],\"filters\":[],\"outputs\":[]},")
                    .append("\"reloads\":{\"last_error\":").append(s.lastError == null ? "null"
                            : "{\"message\":" + json(s.lastError) + ",\"backtrace\":[\"standin/agent.rb:1\"]}")
                    .append(",\"successes\":").append(s.successes).append(",\"last_success_timestamp\":").append(json(s.lastSuccess))
                    .append(",\"last_failure_timestamp\":").append(json(s.lastFailure)).append(",\"failures\":").append(s.failures).append("},")
                    .append("\"queue\":").append(persisted
                            ? "{\"type\":\"persisted\",\"events_count\":" + (s.events % 7) + ",\"queue_size_in_bytes\":4096,\"max_queue_size_in_bytes\":1073741824}"
                            : "{\"type\":\"memory\",\"events_count\":0,\"queue_size_in_bytes\":0,\"max_queue_size_in_bytes\":0}")
                    .append(",\"hash\":").append(json(s.running == null ? "" : Integer.toHexString(s.running.hashCode())))
                    .append(",\"ephemeral_id\":").append(json(s.ephemeralId)).append('}');
        });
        return out.append('}').toString();
    }

    /** logstash.yml as the executor writes it: one {@code key: value} a line, values maybe double-quoted. */
    static Map<String, String> readFlatYaml(Path file) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(": ");
            settings.put(line.substring(0, colon).strip(), unquote(line.substring(colon + 2).strip()));
        }
        return settings;
    }

    /** pipelines.yml as the executor writes it: a list of flat maps, each starting with {@code - pipeline.id}. */
    static Map<String, Map<String, String>> readPipelinesYml(Path file) throws IOException {
        Map<String, Map<String, String>> pipelines = new TreeMap<>();
        List<Map<String, String>> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("- ")) {
                entries.add(new TreeMap<>());
                line = line.substring(2);
            }
            int colon = line.indexOf(": ");
            entries.getLast().put(line.substring(0, colon).strip(), unquote(line.substring(colon + 2).strip()));
        }
        for (Map<String, String> entry : entries) {
            pipelines.put(entry.get("pipeline.id"), entry);
        }
        return pipelines;
    }

    private static String unquote(String value) {
        if (!value.startsWith("\"")) {
            return value;
        }
        return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static String json(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static void log(String level, String logger, String message) {
        System.out.println("[" + Instant.now() + "][" + level + "][" + logger + "] " + message);
        System.out.flush();
    }

    /** Waits while letting the API answer (it shows the pipelines started so far), as a pipeline takes time to start. */
    private void pause(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        try {
            for (long left = millis; left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
