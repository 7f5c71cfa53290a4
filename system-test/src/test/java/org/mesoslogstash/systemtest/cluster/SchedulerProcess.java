package org.mesoslogstash.systemtest.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler as operators run it: {@code java -jar mesos-logstash-scheduler-*-exec.jar} with its
 * options as environment variables, its output in a log file. {@link #kill()} is kill -9.
 */
public final class SchedulerProcess implements AutoCloseable {

    /** What {@code GET /api/health} answered; empty fields while the scheduler does not answer. */
    public record Health(int status, boolean subscribed, String frameworkId, boolean reconciling, int agentsWithExecutor) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SchedulerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static SchedulerProcess start(Map<String, String> options, Path log) {
        int port = freePort();
        List<String> command = List.of(BuiltJars.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", BuiltJars.schedulerExecJar().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("MESOS_LOGSTASH_"));
        builder.environment().putAll(options);
        builder.environment().put("PORT0", Integer.toString(port));
        try {
            return new SchedulerProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the scheduler: " + command, e);
        }
    }

    /** The base URI of its HTTP interface (REST API and web UI). */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Optional<Health> health() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            return Optional.of(new Health(response.statusCode(), body.path("subscribed").asBoolean(),
                    body.path("frameworkId").isString() ? body.path("frameworkId").asString() : null,
                    body.path("reconciling").asBoolean(), body.path("agentsWithExecutor").asInt()));
        } catch (IOException e) {
            return Optional.empty(); // not listening yet, or gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The exit code once the process has ended. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** kill -9: no goodbye to Mesos; its executors keep running for the failover timeout. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
