package org.mesoslogstash.scheduler.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.google.protobuf.ByteString;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.mesos.testsupport.FakeMesosMaster;
import org.mesoslogstash.report.ExecutorReport;
import org.mesoslogstash.scheduler.testsupport.RunningScheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GET /api/reports shows what an executor reported in its framework message, and nothing without a login. */
class ReportApiIT {

    private static TestingServer zooKeeper;
    private static FakeMesosMaster master;
    private static RunningScheduler scheduler;

    @BeforeAll
    static void start() throws Exception {
        zooKeeper = new TestingServer(true);
        master = FakeMesosMaster.start();
        scheduler = RunningScheduler.start(master.uri(), zooKeeper.getConnectString(), "--mesos.logstash.users=vera:viewer:{noop}pw",
                "--mesos.logstash.zk-path=/report-it");
    }

    @AfterAll
    static void stop() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
        master.close();
        zooKeeper.close();
    }

    @Test
    void anExecutorsReportIsShownAsItCameAndOnlyToALoggedInUser() {
        await().atMost(Duration.ofSeconds(60)).until(() -> master.frameworkId().isPresent());
        ExecutorReport report = new ExecutorReport(Instant.parse("2026-11-29T17:00:00Z"), "agent-7.example.org", 4,
                List.of(new ExecutorReport.Container("c1", "app", "app:2", 1)),
                List.of(new ExecutorReport.Stream("c1", "/var/log/app.log", "RUNNING", 52_000, 400, 52_000, 12.5, null, 1_024)),
                new ExecutorReport.Delivery(400, 398, 2, 1), null);

        master.sendEvent(Event.newBuilder().setType(Event.Type.MESSAGE).setMessage(Event.Message.newBuilder()
                .setAgentId(AgentID.newBuilder().setValue("agent-7")).setExecutorId(ExecutorID.newBuilder().setValue("executor.t7"))
                .setData(ByteString.copyFrom(report.toJson()))).build());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = scheduler.call("vera", "pw", "GET", "/api/reports", null, null);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode reports = JsonMapper.builder().build().readTree(response.body());
            assertThat(reports.size()).isEqualTo(1);
            assertThat(reports.get(0).get("agentId").asString()).isEqualTo("agent-7");
            assertThat(reports.get(0).get("executorId").asString()).isEqualTo("executor.t7");
            JsonNode stream = reports.get(0).get("report").get("streams").get(0);
            assertThat(stream.get("source").asString()).isEqualTo("/var/log/app.log");
            assertThat(stream.get("offset").asLong()).isEqualTo(52_000);
            assertThat(stream.get("linesPerSecond").asDouble()).isEqualTo(12.5);
            assertThat(stream.get("lagBytes").asLong()).isEqualTo(1_024);
            JsonNode container = reports.get(0).get("report").get("containers").get(0);
            assertThat(container.get("name").asString()).isEqualTo("app");
            assertThat(container.get("image").asString()).isEqualTo("app:2");
            assertThat(container.get("streams").asInt()).isEqualTo(1);
            assertThat(reports.get(0).get("report").get("delivery").get("sinkFailures").asLong()).isEqualTo(1);
        });
        assertThat(scheduler.call(null, null, "GET", "/api/reports", null, null).statusCode()).isEqualTo(401);
    }
}
