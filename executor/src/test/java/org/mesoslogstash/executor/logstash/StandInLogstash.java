package org.mesoslogstash.executor.logstash;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
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
 * <p>Beats input: a running pipeline whose text has a {@code beats { host => "..." port => N }}
 * input (the router the executor generates) listens there for as long as that version of the
 * pipeline runs, and speaks Lumberjack v2 as Logstash's beats input does ({@code 2W} window,
 * {@code 2J} JSON and {@code 2C} zlib frames; once a window's last event has arrived, its events
 * are kept and the window is acknowledged with {@code 2A} and its highest sequence number). Every
 * event kept is appended as one JSON line, the document as the sender wrote it (so with its
 * {@code @metadata}), to {@value #BEATS_EVENTS_FILE} in path.data, and counted in that pipeline's
 * {@code events} stats (which for other pipelines just grow with time). Unlike Logstash, a port
 * already taken leaves the pipeline running without a beats input (an ERROR says so), so that a
 * test can play the beats input itself.
 *
 * <p>Test levers: a file {@code standin-crash} in path.data makes it die at once with code 1 (the
 * file is consumed); a file {@code standin-ignore-sigterm} in path.data when it starts makes it
 * ignore SIGTERM; {@code STANDIN_API_DELAY_MS} and {@code STANDIN_PIPELINE_DELAY_MS} set its pace.
 */
public final class StandInLogstash {

    static final String SYNTAX_ERROR_MARKER = "standin-syntax-error";
    static final String CRASH_FILE = "standin-crash";
    static final String IGNORE_SIGTERM_FILE = "standin-ignore-sigterm";
    static final String BEATS_EVENTS_FILE = "standin-beats-events.jsonl";

    private static final Pattern BEATS_INPUT = Pattern.compile("\\bbeats\\s*\\{([^}]*)}");
    private static final Pattern BEATS_PORT = Pattern.compile("\\bport\\s*=>\\s*(\\d+)");
    private static final Pattern BEATS_HOST = Pattern.compile("\\bhost\\s*=>\\s*\"([^\"]*)\"");

    private final Path settingsDir;
    private final Map<String, String> nodeSettings;
    private final String nodeId = UUID.randomUUID().toString();
    private final Map<String, PipelineState> pipelines = new TreeMap<>();
    private final long pipelineDelayMs;
    private final Object reloadLock = new Object();
    private final Map<String, BeatsInput> beatsInputs = new HashMap<>();

    /** One pipeline id's figures (they outlive reloads, as Logstash's do) and the version that runs. */
    private static final class PipelineState {
        Map<String, String> running; // settings + "config" of the running version; null if none runs
        boolean countsBeatsEvents; // events counted by its beats input rather than by the clock
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
                stopBeatsInput(id);
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
            stopBeatsInput(id);
            state.countsBeatsEvents = startBeatsInput(id, config, state);
            log("INFO ", "logstash.javapipeline", "Pipeline started {\"pipeline.id\"=>\"" + id + "\"}");
        }
        pipelines.values().removeIf(s -> s.running == null && s.failures == 0);
        log("INFO ", "logstash.agent", "Pipelines running {:count=>" + pipelines.values().stream().filter(s -> s.running != null).count()
                + ", :running_pipelines=>" + pipelines.keySet() + "}");
    }

    /** Listens where the pipeline's beats input says, if it has one; false if it has none or the port is taken. */
    private boolean startBeatsInput(String id, String config, PipelineState state) {
        Matcher beats = BEATS_INPUT.matcher(config);
        if (!beats.find()) {
            return false;
        }
        Matcher port = BEATS_PORT.matcher(beats.group(1));
        Matcher host = BEATS_HOST.matcher(beats.group(1));
        if (!port.find()) {
            log("ERROR", "logstash.inputs.beats", "the beats input of " + id + " has no port; the stand-in needs one");
            return false;
        }
        InetSocketAddress address = new InetSocketAddress(host.find() ? host.group(1) : "0.0.0.0", Integer.parseInt(port.group(1)));
        Path events = Path.of(nodeSettings.get("path.data"), BEATS_EVENTS_FILE);
        try {
            beatsInputs.put(id, BeatsInput.start(id, address, events, count -> {
                synchronized (this) {
                    state.events += count;
                }
            }));
            log("INFO ", "logstash.inputs.beats", "Starting input listener {:address=>\"" + address.getHostString() + ":" + address.getPort() + "\"}");
            return true;
        } catch (IOException e) {
            log("ERROR", "logstash.inputs.beats", "the beats input of " + id + " cannot listen on " + address + " (" + e.getMessage()
                    + "); the stand-in leaves that port to whoever has it");
            return false;
        }
    }

    private void stopBeatsInput(String id) {
        BeatsInput input = beatsInputs.remove(id);
        if (input != null) {
            input.close();
            log("INFO ", "logstash.inputs.beats", "Beats input of " + id + " stopped");
        }
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
                pipelines.values().stream().filter(s -> s.running != null && !s.countsBeatsEvents).forEach(s -> s.events += 10);
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

    /**
     * A Lumberjack v2 listener: one virtual thread accepts, one per connection reads. A window's events
     * are appended to the events file only once all of them have arrived, then acknowledged; a
     * connection that breaks mid-window loses nothing that was acknowledged, and the sender resends
     * the rest. Closing it stops listening and drops its connections, as stopping Logstash's does.
     */
    static final class BeatsInput implements AutoCloseable {

        private static final int MAX_FRAME = 64 << 20;
        private static final Object EVENTS_FILE_LOCK = new Object();

        private final String pipelineId;
        private final ServerSocket server;
        private final Path eventsFile;
        private final IntConsumer counter;
        private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

        private BeatsInput(String pipelineId, ServerSocket server, Path eventsFile, IntConsumer counter) {
            this.pipelineId = pipelineId;
            this.server = server;
            this.eventsFile = eventsFile;
            this.counter = counter;
        }

        static BeatsInput start(String pipelineId, InetSocketAddress address, Path eventsFile, IntConsumer counter) throws IOException {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            try {
                server.bind(address, 64);
            } catch (IOException e) {
                server.close();
                throw e;
            }
            BeatsInput input = new BeatsInput(pipelineId, server, eventsFile, counter);
            Thread.ofVirtual().name("beats-accept-" + pipelineId).start(input::accept);
            return input;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.add(socket);
                    Thread.ofVirtual().name("beats-connection-" + pipelineId).start(() -> serve(socket));
                } catch (IOException e) {
                    if (!server.isClosed()) {
                        log("ERROR", "logstash.inputs.beats", "accepting a connection failed: " + e);
                    }
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                Window window = new Window();
                while (readFrame(in, window, socket.getOutputStream(), false)) {
                    // one frame at a time until the sender closes
                }
            } catch (EOFException | SocketException e) {
                // the sender went away, or the input is closing; an unacknowledged window is resent
            } catch (IOException | DataFormatException | RuntimeException e) {
                log("ERROR", "logstash.inputs.beats", "closing a beats connection of " + pipelineId + ": " + e);
            } finally {
                connections.remove(socket);
            }
        }

        /** The window being received: its announced size and the events so far. */
        private static final class Window {
            int size;
            final List<byte[]> events = new ArrayList<>();
        }

        /** Reads one frame; false at a clean end of stream between frames. */
        private boolean readFrame(DataInputStream in, Window window, OutputStream ack, boolean inflated)
                throws IOException, DataFormatException {
            int version = in.read();
            if (version < 0) {
                return false;
            }
            if (version != '2') {
                throw new IOException("not a Lumberjack v2 frame: version byte " + version);
            }
            int type = in.readUnsignedByte();
            switch (type) {
                case 'W' -> {
                    window.size = in.readInt();
                    window.events.clear();
                }
                case 'J' -> {
                    int sequence = in.readInt();
                    byte[] document = new byte[length(in)];
                    in.readFully(document);
                    window.events.add(document);
                    if (window.events.size() >= window.size) {
                        keep(window.events);
                        window.events.clear();
                        acknowledge(ack, sequence);
                    }
                }
                case 'C' -> {
                    if (inflated) {
                        throw new IOException("a compressed frame inside a compressed frame");
                    }
                    byte[] compressed = new byte[length(in)];
                    in.readFully(compressed);
                    DataInputStream frames = new DataInputStream(new ByteArrayInputStream(inflate(compressed)));
                    while (readFrame(frames, window, ack, true)) {
                        // every frame the compressed one holds
                    }
                }
                default -> throw new IOException("unknown Lumberjack v2 frame type '" + (char) type + "'");
            }
            return true;
        }

        private static int length(DataInputStream in) throws IOException {
            int length = in.readInt();
            if (length < 0 || length > MAX_FRAME) {
                throw new IOException("frame length " + Integer.toUnsignedString(length) + " out of range 0.." + MAX_FRAME);
            }
            return length;
        }

        private static byte[] inflate(byte[] compressed) throws DataFormatException {
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(compressed);
                ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
                byte[] chunk = new byte[64 << 10];
                while (!inflater.finished()) {
                    int n = inflater.inflate(chunk);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new DataFormatException("truncated zlib stream in a compressed frame");
                    }
                    out.write(chunk, 0, n);
                    if (out.size() > MAX_FRAME) {
                        throw new DataFormatException("compressed frame inflates beyond " + MAX_FRAME + " bytes");
                    }
                }
                return out.toByteArray();
            } finally {
                inflater.end();
            }
        }

        /** Appends the window's documents, one JSON line each (a document's own line breaks are JSON whitespace). */
        private void keep(List<byte[]> documents) throws IOException {
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            for (byte[] document : documents) {
                for (byte b : document) {
                    lines.write(b == '\n' || b == '\r' ? ' ' : b);
                }
                lines.write('\n');
            }
            synchronized (EVENTS_FILE_LOCK) {
                Files.write(eventsFile, lines.toByteArray(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            counter.accept(documents.size());
        }

        private static void acknowledge(OutputStream out, int sequence) throws IOException {
            out.write(new byte[] {'2', 'A', (byte) (sequence >>> 24), (byte) (sequence >>> 16), (byte) (sequence >>> 8), (byte) sequence});
            out.flush();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                log("WARN ", "logstash.inputs.beats", "closing the listener of " + pipelineId + ": " + e);
            }
            for (Socket socket : connections) {
                try {
                    socket.close();
                } catch (IOException e) {
                    log("WARN ", "logstash.inputs.beats", "closing a connection of " + pipelineId + ": " + e);
                }
            }
        }
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
