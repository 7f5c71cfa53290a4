package org.mesoslogstash.onemachine.scheduler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The two calls the one-machine mode makes to its scheduler's REST API (docs/scheduler.md). */
public interface SchedulerApi {

    /** Whether {@code GET /api/health} answers 200 (subscribed); false while it does not answer. */
    boolean subscribed();

    /**
     * {@code POST /api/teardown?confirm=yes}: the scheduler kills its executor task and tears the
     * framework down in Mesos.
     *
     * @throws IOException with the status and body when the scheduler did not accept it
     */
    void teardown(String user, String password) throws IOException;

    /** Over HTTP to {@code base} ({@code http://127.0.0.1:8480/}). */
    static SchedulerApi http(URI base) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        return new SchedulerApi() {
            @Override
            public boolean subscribed() {
                try {
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(base.resolve("/api/health"))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                    return response.statusCode() == 200;
                } catch (IOException e) {
                    return false; // not listening yet, or gone
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }

            @Override
            public void teardown(String user, String password) throws IOException {
                String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/teardown?confirm=yes")).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build();
                HttpResponse<String> response;
                try {
                    response = client.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted during POST /api/teardown", e);
                }
                if (response.statusCode() / 100 != 2) {
                    throw new IOException("POST /api/teardown answered " + response.statusCode() + ": " + response.body());
                }
            }
        };
    }
}
