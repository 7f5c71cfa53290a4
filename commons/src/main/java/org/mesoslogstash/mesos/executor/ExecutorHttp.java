package org.mesoslogstash.mesos.executor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.mesos.v1.executor.Protos.Call;
import org.mesoslogstash.mesos.http.MesosCallException;
import org.mesoslogstash.mesos.http.MesosConnectionException;

/**
 * The HTTP exchanges of the executor API, without any state: SUBSCRIBE (200 and a streaming response)
 * and calls (202 Accepted), both as protobuf, with the agent's bearer token when it gave one. No
 * redirects: the agent is one process at one address.
 */
final class ExecutorHttp {

    static final String PROTOBUF = "application/x-protobuf";
    private static final int MAX_ERROR_BODY_CHARS = 4096;

    private final HttpClient http;
    private final URI endpoint;
    private final Optional<String> token;
    private final Duration requestTimeout;

    ExecutorHttp(HttpClient http, URI endpoint, Optional<String> token, Duration requestTimeout) {
        this.http = http;
        this.endpoint = endpoint;
        this.token = token;
        this.requestTimeout = requestTimeout;
    }

    URI endpoint() {
        return endpoint;
    }

    /** Opens the event stream; its bytes are to be read by an {@code EventStream}. */
    Flow.Publisher<List<ByteBuffer>> subscribe(Call subscribe) throws InterruptedException {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = exchange(subscribe, HttpResponse.BodyHandlers.ofPublisher());
        int status = response.statusCode();
        if (status == 200) {
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (!contentType.startsWith(PROTOBUF)) {
                response.body().subscribe(HttpResponse.BodySubscribers.discarding());
                throw new MesosConnectionException("SUBSCRIBE answered Content-Type '" + contentType + "', expected " + PROTOBUF, endpoint, null);
            }
            return response.body();
        }
        throw new MesosCallException("SUBSCRIBE", endpoint, status, readBody(response.body()));
    }

    void call(Call call) throws InterruptedException {
        HttpResponse<String> response = exchange(call, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new MesosCallException(call.getType().name(), endpoint, response.statusCode(), truncate(response.body()));
        }
    }

    private <T> HttpResponse<T> exchange(Call call, HttpResponse.BodyHandler<T> handler) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", PROTOBUF)
                .header("Accept", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.toByteArray()));
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw new MesosConnectionException(call.getType() + " failed: " + e, endpoint, e);
        }
    }

    private String readBody(Flow.Publisher<List<ByteBuffer>> body) throws InterruptedException {
        HttpResponse.BodySubscriber<String> text = HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        body.subscribe(text);
        try {
            return truncate(text.getBody().toCompletableFuture().get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return "(body unreadable: " + e + ")";
        }
    }

    private static String truncate(String body) {
        return body.length() > MAX_ERROR_BODY_CHARS ? body.substring(0, MAX_ERROR_BODY_CHARS) + "..." : body;
    }
}
