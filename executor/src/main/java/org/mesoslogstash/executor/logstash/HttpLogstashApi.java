package org.mesoslogstash.executor.logstash;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.Function;

/** {@link LogstashApi} over HTTP, to the monitoring API of the Logstash on this agent. */
public final class HttpLogstashApi implements LogstashApi {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI base;

    public HttpLogstashApi(HttpClient http, String host, int port) {
        this.http = Objects.requireNonNull(http, "http");
        this.base = URI.create("http://" + host + ":" + port);
    }

    public static HttpLogstashApi forSettings(LogstashSettings settings) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return new HttpLogstashApi(client, settings.apiHost(), settings.apiPort());
    }

    @Override
    public SortedMap<String, String> runningPipelines() throws LogstashApiException {
        return get("/_node/pipelines", LogstashApiJson::runningPipelines);
    }

    @Override
    public Map<String, PipelineStats> pipelineStats() throws LogstashApiException {
        return get("/_node/stats/pipelines", LogstashApiJson::pipelineStats);
    }

    private <T> T get(String path, Function<String, T> parse) throws LogstashApiException {
        URI uri = base.resolve(path);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LogstashApiException(uri.toString(), 0, "no answer (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogstashApiException(uri.toString(), 0, "interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new LogstashApiException(uri.toString(), response.statusCode(), LogstashApiJson.abbreviate(response.body()), null);
        }
        try {
            return parse.apply(response.body());
        } catch (IllegalArgumentException e) {
            throw new LogstashApiException(uri.toString(), response.statusCode(), e.getMessage(), e);
        }
    }
}
