package org.mesoslogstash.simulator.agent;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.mesoslogstash.mesos.testsupport.ExecutorCallValidation;
import org.mesoslogstash.mesos.testsupport.LocalHttpServer;
import org.mesoslogstash.simulator.http.HttpAnswers;
import org.mesoslogstash.simulator.http.HttpAnswers.Rejection;
import org.mesoslogstash.simulator.http.RecordIoStream;

/**
 * An agent's {@code /api/v1/executor} endpoint on the JDK's HTTP server, checking requests in the order
 * of Mesos' {@code Slave::Http::executor} (method, Content-Type, parse, validation, Accept), then
 * handing the call to the agent. It can stop listening and listen again on the same port, as an agent
 * process that restarts.
 */
final class ExecutorEndpoint {

    static final String PATH = "/api/v1/executor";

    /** What the agent makes of an executor call. */
    interface Calls {
        /** A refusal, or the executor's new event stream. */
        Subscription subscribe(Call call);

        /** A refusal, or empty when accepted (202). */
        Optional<Rejection> call(Call call);

        /** The stream of this subscription ended (the executor went away, or the agent closed it). */
        void streamEnded(Call call, RecordIoStream<Event> stream);
    }

    record Subscription(Optional<Rejection> refused, RecordIoStream<Event> stream) {
    }

    private final Calls calls;
    private volatile HttpServer server;
    private volatile ExecutorService handlers;

    ExecutorEndpoint(Calls calls) {
        this.calls = calls;
    }

    /** Listens on this port (0 for any); returns the port. Waits a little for a just-closed port. */
    int listen(int port) throws IOException {
        LocalHttpServer listening = LocalHttpServer.listen(port, this::handle);
        handlers = listening.handlers();
        server = listening.server();
        return listening.port();
    }

    /** Stops listening: open connections drop, new ones are refused. */
    void stop() {
        HttpServer current = server;
        if (current != null) {
            current.stop(0);
            handlers.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                HttpAnswers.text(exchange, 404, "");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Optional<Rejection> bad = HttpAnswers.checkRequest(exchange);
            if (bad.isPresent()) {
                HttpAnswers.reject(exchange, bad.get());
                return;
            }
            Call call;
            try {
                call = Call.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                HttpAnswers.text(exchange, 400, "Failed to parse body into Call protobuf: " + e.getMessage());
                return;
            }
            Optional<String> invalid = ExecutorCallValidation.validate(call);
            if (invalid.isPresent()) {
                HttpAnswers.text(exchange, 400, "Failed to validate Executor::Call: " + invalid.get());
                return;
            }
            if (call.getType() == Call.Type.SUBSCRIBE) {
                subscribe(exchange, call);
                return;
            }
            Optional<Rejection> refused = calls.call(call);
            if (refused.isPresent()) {
                HttpAnswers.reject(exchange, refused.get());
            } else {
                HttpAnswers.text(exchange, 202, "");
            }
        } catch (RejectedExecutionException e) {
            // The agent is shutting down; the connection just drops.
        }
    }

    private void subscribe(HttpExchange exchange, Call call) throws IOException {
        Optional<Rejection> bad = HttpAnswers.checkAccept(exchange);
        if (bad.isPresent()) {
            HttpAnswers.reject(exchange, bad.get());
            return;
        }
        Subscription subscription = calls.subscribe(call);
        if (subscription.refused().isPresent()) {
            HttpAnswers.reject(exchange, subscription.refused().get());
            return;
        }
        HttpAnswers.startStream(exchange);
        try {
            subscription.stream().pump(exchange.getResponseBody());
        } finally {
            calls.streamEnded(call, subscription.stream());
        }
    }
}
