package org.mesoslogstash.systemtest.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler's REST API as an operator's script uses it (docs/scheduler.md, "REST API"): HTTP Basic
 * on every call, no session, so no CSRF token. The base URI is asked for at each call, because a
 * restarted scheduler listens on another port.
 */
final class OperatorApi {

    /** A status and its JSON body. */
    record Answer(int status, JsonNode body) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<URI> base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OperatorApi(Supplier<URI> base, String user, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code PUT /api/configurations/{name}} with the Logstash text. */
    Answer putConfiguration(String name, String text) {
        return send(HttpRequest.newBuilder(base.get().resolve("/api/configurations/" + name))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString(text)));
    }

    /** {@code GET /api/configurations}. */
    Answer configurations() {
        return send(HttpRequest.newBuilder(base.get().resolve("/api/configurations")).GET());
    }

    /** {@code GET /api/reports}: every agent's latest executor report. */
    Answer reports() {
        return send(HttpRequest.newBuilder(base.get().resolve("/api/reports")).GET());
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", authorization).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("the scheduler's API did not answer " + request.build().method() + " " + request.build().uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
