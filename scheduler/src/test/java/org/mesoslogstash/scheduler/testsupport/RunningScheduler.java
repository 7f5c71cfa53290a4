package org.mesoslogstash.scheduler.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.mesoslogstash.scheduler.SchedulerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole scheduler application on a free port, and calls to its HTTP API with the JDK's client. */
public final class RunningScheduler implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningScheduler(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Started against that master and ZooKeeper; {@code extra} are further {@code --property=value} arguments. */
    public static RunningScheduler start(URI master, String zooKeeper, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--mesos.logstash.master=" + master,
                "--mesos.logstash.zk-servers=" + zooKeeper,
                "--mesos.logstash.collector-config=" + TestProperties.collectorConfigPath()));
        args.addAll(List.of(extra));
        return new RunningScheduler(new SpringApplicationBuilder(SchedulerApplication.class).run(args.toArray(String[]::new)));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + path);
    }

    /** A request to this scheduler, to be completed and sent with {@link #send}. */
    public HttpRequest.Builder request(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A call as {@code user} with HTTP Basic (none when user is null). */
    public HttpResponse<String> call(String user, String password, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = request(method, path, contentType, body);
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return send(request);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        context.close();
    }
}
