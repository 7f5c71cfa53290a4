package org.mesoslogstash.systemtest.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The scheduler's exec jar run as a process with its options as environment variables (as
 * {@code systemtest.cluster} does), its output in a log file, and a client for its HTTP API.
 */
final class SchedulerJar implements AutoCloseable {

    private final Process process;
    private final SchedulerApi api;

    private SchedulerJar(Process process, SchedulerApi api) {
        this.process = process;
        this.api = api;
    }

    static SchedulerJar start(Map<String, String> options, Path log) {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", execJar().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("MESOS_LOGSTASH_"));
        builder.environment().putAll(options);
        builder.environment().put("PORT0", Integer.toString(port));
        try {
            return new SchedulerJar(builder.start(), new SchedulerApi(port));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the scheduler: " + command, e);
        }
    }

    SchedulerApi api() {
        return api;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path execJar() {
        Path dir = Path.of("..", "scheduler", "target");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("mesos-logstash-scheduler-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no scheduler exec jar in " + dir.toAbsolutePath().normalize()
                            + ": build it first (bin/mvn -q -o -pl scheduler -am package -DskipTests)"))
                    .toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scheduler's HTTP API on 127.0.0.1. */
    record SchedulerApi(int port) {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        /** Status and body of a GET, or empty while nothing answers. */
        Optional<HttpResponse<String>> get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build());
        }

        /** A POST as an API client: HTTP Basic, no session. */
        Optional<HttpResponse<String>> post(String path, String user, String password) {
            String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private static Optional<HttpResponse<String>> send(HttpRequest request) {
            try {
                return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
