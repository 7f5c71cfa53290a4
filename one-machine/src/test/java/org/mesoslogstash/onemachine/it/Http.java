package org.mesoslogstash.onemachine.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the tests ask of the store and the scheduler, as a user's curl would. */
final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** The {@code _source} of every log document that matches a query string ({@code q=}), after a refresh. */
    static List<JsonNode> search(URI store, String query) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(store.resolve("/mesos-logstash-*/_refresh")).POST(HttpRequest.BodyPublishers.noBody()));
        JsonNode answer = JSON.readTree(send(HttpRequest.newBuilder(store.resolve("/mesos-logstash-*/_search?size=1000&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).GET()));
        List<JsonNode> sources = new ArrayList<>();
        answer.get("hits").get("hits").forEach(hit -> sources.add(hit.get("_source")));
        return sources;
    }

    static JsonNode get(URI uri, String user, String password) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return JSON.readTree(send(HttpRequest.newBuilder(uri).header("Authorization", "Basic " + basic).GET()));
    }

    private static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
