package org.mesoslogstash.simulator.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;

/**
 * The answers and request checks Mesos' master and agent share on their v1 API endpoints, in their
 * order and with their wording (method, Content-Type, Accept). Only protobuf is spoken: a request that
 * would get JSON from Mesos gets 406 here, stricter than Mesos but never more forgiving.
 */
public final class HttpAnswers {

    public static final String PROTOBUF = "application/x-protobuf";
    public static final String JSON = "application/json";

    /** A refusal: the status and plain-text reason Mesos answers with. */
    public record Rejection(int status, String reason) {
    }

    private HttpAnswers() {
    }

    /** The checks before the body is parsed: method, then Content-Type. */
    public static Optional<Rejection> checkRequest(HttpExchange exchange) {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().add("Allow", "POST");
            return Optional.of(new Rejection(405, "Expecting a 'POST' request, received '" + exchange.getRequestMethod() + "'"));
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null) {
            return Optional.of(new Rejection(400, "Expecting 'Content-Type' to be present"));
        }
        if (contentType.equals(JSON)) {
            return Optional.of(new Rejection(406, "The Mesos simulator speaks protobuf only"));
        }
        if (!contentType.equals(PROTOBUF)) {
            return Optional.of(new Rejection(415, "Expecting 'Content-Type' of " + JSON + " or " + PROTOBUF));
        }
        return Optional.empty();
    }

    /** The check of a SUBSCRIBE's Accept header. */
    public static Optional<Rejection> checkAccept(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept == null || accept.contains(JSON) || accept.contains("*/*")) {
            return Optional.of(new Rejection(406, "The Mesos simulator answers only Accept: " + PROTOBUF));
        }
        if (!accept.contains(PROTOBUF)) {
            return Optional.of(new Rejection(406, "Expecting 'Accept' to allow '" + JSON + "' or '" + PROTOBUF + "'"));
        }
        return Optional.empty();
    }

    public static void reject(HttpExchange exchange, Rejection rejection) throws IOException {
        text(exchange, rejection.status(), rejection.reason());
    }

    public static void text(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Starts a chunked 200 response of protobuf events. */
    public static void startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", PROTOBUF);
        exchange.sendResponseHeaders(200, 0);
    }
}
