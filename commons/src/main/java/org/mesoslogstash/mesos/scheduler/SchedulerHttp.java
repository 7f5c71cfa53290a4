package org.mesoslogstash.mesos.scheduler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.mesos.v1.scheduler.Protos.Call;
import org.mesoslogstash.mesos.http.MesosCallException;
import org.mesoslogstash.mesos.http.MesosConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP exchanges of the scheduler API, without any state: SUBSCRIBE (a streaming response) and
 * calls (202 Accepted), both as protobuf, with authentication and bounded 307 redirect following
 * (the JDK client does not follow 307 for POST by itself).
 */
final class SchedulerHttp {

    static final String PROTOBUF = "application/x-protobuf";
    static final String STREAM_ID = "Mesos-Stream-Id";

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerHttp.class);
    private static final int MAX_ERROR_BODY_CHARS = 4096;

    /** An open subscription: the endpoint that accepted it, its stream id, and the event bytes to come. */
    record Opened(URI endpoint, String streamId, Flow.Publisher<List<ByteBuffer>> body) {
    }

    private final HttpClient http;
    private final SchedulerClientConfig config;

    SchedulerHttp(HttpClient http, SchedulerClientConfig config) {
        this.http = http;
        this.config = config;
    }

    Opened subscribe(URI endpoint, Call subscribe) throws InterruptedException {
        URI target = endpoint;
        for (int hop = 0; ; hop++) {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response =
                    exchange(target, subscribe, null, HttpResponse.BodyHandlers.ofPublisher());
            int status = response.statusCode();
            if (status == 200) {
                String streamId = response.headers().firstValue(STREAM_ID).orElse(null);
                if (streamId == null) {
                    discard(response.body());
                    throw new MesosConnectionException("SUBSCRIBE answered 200 without a " + STREAM_ID + " header", target, null);
                }
                String contentType = response.headers().firstValue("Content-Type").orElse("");
                if (!contentType.startsWith(PROTOBUF)) {
                    discard(response.body());
                    throw new MesosConnectionException("SUBSCRIBE answered Content-Type '" + contentType + "', expected " + PROTOBUF, target, null);
                }
                return new Opened(target, streamId, response.body());
            }
            String body = readBody(response.body(), target);
            if (status == 307) {
                target = redirect(target, response, hop, "SUBSCRIBE");
                continue;
            }
            throw new MesosCallException("SUBSCRIBE", target, status, body);
        }
    }

    /** Sends a call; returns the endpoint that accepted it. */
    URI call(URI endpoint, Call call, String streamId) throws InterruptedException {
        URI target = endpoint;
        for (int hop = 0; ; hop++) {
            HttpResponse<String> response = exchange(target, call, streamId, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status / 100 == 2) {
                return target;
            }
            if (status == 307) {
                target = redirect(target, response, hop, call.getType().name());
                continue;
            }
            throw new MesosCallException(call.getType().name(), target, status, truncate(response.body()));
        }
    }

    private <T> HttpResponse<T> exchange(URI target, Call call, String streamId, HttpResponse.BodyHandler<T> handler)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(config.requestTimeout())
                .header("Content-Type", PROTOBUF)
                .header("Accept", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.toByteArray()));
        if (streamId != null) {
            request.header(STREAM_ID, streamId);
        }
        config.credential().ifPresent(credential -> request.header("Authorization", credential.authorizationHeader()));
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw new MesosConnectionException(call.getType() + " failed: " + e, target, e);
        }
    }

    private URI redirect(URI from, HttpResponse<?> response, int hop, String callType) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (hop >= config.maxRedirects()) {
            throw new MesosConnectionException(callType + " redirected more than " + config.maxRedirects() + " times, last to " + location, from, null);
        }
        URI to;
        try {
            to = Redirects.resolve(from, location);
        } catch (IllegalArgumentException e) {
            throw new MesosConnectionException(callType + " answered 307 with an unusable Location: " + e.getMessage(), from, e);
        }
        LOG.info("Mesos master {} is not the leader; {} redirected to {}", from.getAuthority(), callType, to);
        return to;
    }

    private String readBody(Flow.Publisher<List<ByteBuffer>> body, URI target) throws InterruptedException {
        HttpResponse.BodySubscriber<String> text = HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        body.subscribe(text);
        try {
            return truncate(text.getBody().toCompletableFuture().get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return "(body unreadable: " + e + ")";
        }
    }

    private static void discard(Flow.Publisher<List<ByteBuffer>> body) {
        body.subscribe(HttpResponse.BodySubscribers.discarding());
    }

    private static String truncate(String body) {
        return body.length() > MAX_ERROR_BODY_CHARS ? body.substring(0, MAX_ERROR_BODY_CHARS) + "..." : body;
    }
}
