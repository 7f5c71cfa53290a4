package org.mesoslogstash.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.mesos.testsupport.FakeMesosMaster;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot process as configured by environment-style properties: it subscribes, reports health,
 * refuses an unconfirmed teardown, tears down on confirmation, and on context close leaves the framework.
 */
class SchedulerApplicationIT {

    private TestingServer zooKeeper;
    private FakeMesosMaster master;
    private ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        zooKeeper = new TestingServer(true);
        master = FakeMesosMaster.start();
        // As command-line arguments: they override application.properties (its server.port among them).
        context = new SpringApplicationBuilder(SchedulerApplication.class).run(
                "--server.port=0",
                "--mesos.logstash.master=" + master.uri(),
                "--mesos.logstash.zk-servers=" + zooKeeper.getConnectString(),
                "--mesos.logstash.framework-name=logs-it",
                "--mesos.logstash.users=ops:operator:{noop}ops-pw",
                "--mesos.logstash.collector-config=" + org.mesoslogstash.scheduler.testsupport.TestProperties.collectorConfigPath());
    }

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        master.close();
        zooKeeper.close();
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("ops:ops-pw".getBytes()))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthReportsTheSubscriptionAndTeardownNeedsConfirmation() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> call("GET", "/api/health").statusCode() == 200);
        assertThat(call("GET", "/api/health").body()).contains("\"subscribed\":true").contains("\"frameworkId\":\"fake-framework-1\"");
        Call subscribe = master.acceptedCalls().getFirst();
        assertThat(subscribe.getSubscribe().getFrameworkInfo().getName()).isEqualTo("logs-it");

        HttpResponse<String> unconfirmed = call("POST", "/api/teardown");
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("confirm=yes");
        assertThat(master.acceptedCalls()).noneMatch(c -> c.getType() == Call.Type.TEARDOWN);

        HttpResponse<String> confirmed = call("POST", "/api/teardown?confirm=yes");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(master.acceptedCalls()).anyMatch(c -> c.getType() == Call.Type.TEARDOWN);
        assertThat(call("GET", "/api/health").statusCode()).isEqualTo(503);
    }

    @Test
    void closingTheContextLeavesTheFrameworkRegistered() {
        await().atMost(Duration.ofSeconds(20)).until(() -> master.frameworkId().isPresent() && master.isStreamOpen());

        context.close();
        context = null;

        assertThat(master.acceptedCalls()).noneMatch(c -> c.getType() == Call.Type.TEARDOWN || c.getType() == Call.Type.KILL);
        assertThat(master.frameworkId()).isPresent();
    }
}
