package org.mesoslogstash.systemtest.images;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

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
