package org.mesoslogstash.executor.logstash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.config.pipeline.LogstashPipelines;
import org.mesoslogstash.executor.sink.EventJson;
import org.mesoslogstash.executor.sink.beats.BeatsSink;
import org.mesoslogstash.executor.sink.beats.BeatsSinkOptions;
import org.mesoslogstash.executor.testsupport.TestEvents;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.retry.Sleeper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link StandInLogstash}'s beats input, a real child process, fed by our real beats sink. */
class StandInLogstashBeatsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    private Path settingsDir;
    private Path dataDir;
    private int apiPort;
    private int beatsPort;
    private Process logstash;
    private final List<BeatsSink> sinks = new ArrayList<>();

    @BeforeEach
    void startStandIn() throws IOException {
        Path home = StandInLogstashHome.create(dir);
        settingsDir = Files.createDirectories(dir.resolve("settings"));
        dataDir = dir.resolve("data");
        apiPort = StandInLogstashHome.freePort();
        beatsPort = StandInLogstashHome.freePort();
        Files.writeString(settingsDir.resolve("logstash.yml"), "path.data: \"" + dataDir + "\"\napi.http.host: 127.0.0.1\napi.http.port: "
                + apiPort + "\n");
        writePipelines(true);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/logstash").toString(), "--path.settings", settingsDir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("standin.log").toFile());
        builder.environment().put("STANDIN_API_DELAY_MS", "0");
        builder.environment().put("STANDIN_PIPELINE_DELAY_MS", "0");
        logstash = builder.start();
        await().atMost(WAIT).until(() -> listening(beatsPort));
    }

    @AfterEach
    void stop() {
        sinks.forEach(BeatsSink::close);
        logstash.destroyForcibly();
    }

    /** The router as the executor generates it (beats input on 127.0.0.1), and a configuration's pipeline. */
    private void writePipelines(boolean withRouter) throws IOException {
        Path router = dir.resolve("router.conf");
        Files.writeString(router, """
                input {
                  beats {
                    host => "127.0.0.1"
                    port => %d
                  }
                }
                output {
                  if "web" in [@metadata][mesos_logstash][pipelines] {
                    pipeline {
                      send_to => ["mesos-logstash-web"]
                    }
                  }
                }
                """.formatted(beatsPort));
        Path web = dir.resolve("web.conf");
        Files.writeString(web, "input { pipeline { address => \"mesos-logstash-web\" } }\noutput { stdout {} }\n");
        String yml = (withRouter ? "- pipeline.id: " + LogstashPipelines.ROUTER + "\n  path.config: \"" + router + "\"\n" : "")
                + "- pipeline.id: web\n  path.config: \"" + web + "\"\n";
        Files.writeString(settingsDir.resolve("pipelines.yml"), yml);
    }

    private BeatsSink sink(int compressionLevel) {
        BeatsSink sink = BeatsSink.start(BeatsSinkOptions.defaults("127.0.0.1", beatsPort).withCompressionLevel(compressionLevel)
                .withAckTimeout(Duration.ofSeconds(10)).withReconnect(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200))),
                EventJson.forBeats(), InstantSource.system(), Sleeper.REAL);
        sinks.add(sink);
        return sink;
    }

    private static void awaitAcknowledged(CompletionStage<Void> stage) {
        await().atMost(WAIT).until(() -> stage.toCompletableFuture().isDone());
        stage.toCompletableFuture().join();
    }

    private List<JsonNode> receivedEvents() throws IOException {
        Path file = dataDir.resolve(StandInLogstash.BEATS_EVENTS_FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(JSON::readTree).toList();
    }

    private long routerEventsIn() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + apiPort + "/_node/stats/pipelines")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("pipelines").path(LogstashPipelines.ROUTER).path("events").path("in").asLong();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void compressedWindowsAreAcknowledgedAndEveryEventIsAppendedOnceWithItsMetadata() throws Exception {
        BeatsSink sink = sink(BeatsSinkOptions.DEFAULT_COMPRESSION_LEVEL);

        CompletionStage<Void> first = sink.publish(TestEvents.numbered("a", 50));
        CompletionStage<Void> second = sink.publish(TestEvents.numbered("b", 7));

        awaitAcknowledged(first);
        awaitAcknowledged(second);
        assertThat(sink.unacknowledgedEvents()).isZero();
        List<JsonNode> events = receivedEvents();
        List<String> expected = new ArrayList<>();
        TestEvents.numbered("a", 50).forEach(e -> expected.add(new String(e.line())));
        TestEvents.numbered("b", 7).forEach(e -> expected.add(new String(e.line())));
        assertThat(events).extracting(e -> e.path("message").asString()).containsExactlyElementsOf(expected);
        JsonNode first0 = events.getFirst();
        assertThat(first0.at("/@metadata/beat").asString()).isEqualTo("mesos-logstash");
        assertThat(first0.at("/container/id").asString()).isEqualTo(TestEvents.CONTAINER_ID);
        assertThat(routerEventsIn()).isEqualTo(57);
    }

    @Test
    void uncompressedJsonFramesAreAcknowledgedToo() throws Exception {
        BeatsSink sink = sink(0);

        awaitAcknowledged(sink.publish(TestEvents.numbered("plain", 5)));

        assertThat(receivedEvents()).extracting(e -> e.path("message").asString())
                .containsExactly("plain-0", "plain-1", "plain-2", "plain-3", "plain-4");
    }

    @Test
    void removingTheRouterStopsItsBeatsInput() throws Exception {
        Path log = dir.resolve("standin.log");
        await().atMost(WAIT).until(() -> Files.readString(log).contains("Pipelines running")); // SIGHUP is trapped from then on
        writePipelines(false);

        new ProcessBuilder("kill", "-HUP", Long.toString(logstash.pid())).start().waitFor();

        await().atMost(WAIT).until(() -> !listening(beatsPort));
        assertThat(logstash.isAlive()).isTrue();
        assertThat(Files.readString(log)).contains("Beats input of " + LogstashPipelines.ROUTER + " stopped");
    }
}
