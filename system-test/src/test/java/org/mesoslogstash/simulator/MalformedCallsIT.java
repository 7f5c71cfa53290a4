package org.mesoslogstash.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests Mesos refuses are refused by the simulator too, with Mesos' statuses and reasons. */
class MalformedCallsIT {

    private static final Map<String, String> PROTOBUF = Map.of("Content-Type", "application/x-protobuf");
    private static final Map<String, String> SUBSCRIBING = Map.of("Content-Type", "application/x-protobuf", "Accept", "application/x-protobuf");

    @TempDir
    Path workDir;

    private MesosSimulator simulator;
    private URI scheduler;

    @BeforeEach
    void start() throws Exception {
        simulator = MesosSimulator.start(SimulatorConfig.fast(List.of(AgentSpec.standard("a1")), workDir));
        scheduler = simulator.masterUri().resolve("/api/v1/scheduler");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static Call subscribe() {
        return Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
                .setFrameworkInfo(SchedulerHarness.framework("raw", 60))).build();
    }

    private static void assertRefused(HttpResponse<InputStream> response, int status, String reason) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(RawHttp.text(response)).isEqualTo(reason);
    }

    @Test
    void getIsNotAllowed() throws Exception {
        HttpResponse<String> response = RawHttp.get(scheduler);
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).isEqualTo("Expecting a 'POST' request, received 'GET'");
    }

    @Test
    void callWithoutContentTypeIsBadRequest() {
        assertRefused(RawHttp.post(scheduler, subscribe().toByteArray(), Map.of()), 400, "Expecting 'Content-Type' to be present");
    }

    @Test
    void bodyThatIsNoCallIsBadRequest() {
        HttpResponse<InputStream> response = RawHttp.post(scheduler, new byte[] {1, 2, 3}, PROTOBUF);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawHttp.text(response)).startsWith("Failed to parse body into Call protobuf");
    }

    @Test
    void callWithoutFrameworkIdFailsValidation() {
        assertRefused(RawHttp.post(scheduler, Call.newBuilder().setType(Call.Type.REVIVE).build().toByteArray(), PROTOBUF), 400,
                "Failed to validate scheduler::Call: Expecting 'framework_id' to be present");
    }

    @Test
    void callOfAnUnknownFrameworkIsBadRequest() {
        Call revive = Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(FrameworkID.newBuilder().setValue("nobody")).build();
        assertRefused(RawHttp.post(scheduler, revive.toByteArray(), PROTOBUF), 400, "Framework cannot be found");
    }

    @Test
    void subscribeWithAStreamIdIsBadRequest() {
        assertRefused(RawHttp.post(scheduler, subscribe().toByteArray(), Map.of("Content-Type", "application/x-protobuf",
                "Accept", "application/x-protobuf", "Mesos-Stream-Id", "x")), 400,
                "Subscribe calls should not include the 'Mesos-Stream-Id' header");
    }

    @Test
    void callsOfASubscribedFrameworkNeedItsStreamIdAndValidFields() throws Exception {
        HttpResponse<InputStream> subscription = RawHttp.post(scheduler, subscribe().toByteArray(), SUBSCRIBING);
        try (InputStream events = subscription.body()) {
            assertThat(subscription.statusCode()).isEqualTo(200);
            String streamId = subscription.headers().firstValue("Mesos-Stream-Id").orElseThrow();
            Event subscribed = Event.parseFrom(RawHttp.record(events));
            FrameworkID id = subscribed.getSubscribed().getFrameworkId();
            Call revive = Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(id).build();

            assertRefused(RawHttp.post(scheduler, revive.toByteArray(), PROTOBUF), 400,
                    "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
            assertRefused(RawHttp.post(scheduler, revive.toByteArray(), Map.of("Content-Type", "application/x-protobuf", "Mesos-Stream-Id", "other")),
                    400, "The stream ID 'other' included in this request didn't match the stream ID currently associated with framework ID "
                            + id.getValue());
            Call badAck = Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setFrameworkId(id).setAcknowledge(Call.Acknowledge.newBuilder()
                    .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("a1")).setTaskId(TaskID.newBuilder().setValue("t"))
                    .setUuid(ByteString.copyFromUtf8("short"))).build();
            assertRefused(RawHttp.post(scheduler, badAck.toByteArray(), Map.of("Content-Type", "application/x-protobuf", "Mesos-Stream-Id", streamId)),
                    400, "Failed to validate scheduler::Call: Not a valid UUID");
            Call killWithoutKill = Call.newBuilder().setType(Call.Type.KILL).setFrameworkId(id).build();
            assertRefused(RawHttp.post(scheduler, killWithoutKill.toByteArray(), Map.of("Content-Type", "application/x-protobuf", "Mesos-Stream-Id", streamId)),
                    400, "Failed to validate scheduler::Call: Expecting 'kill' to be present");
            HttpResponse<InputStream> accepted = RawHttp.post(scheduler, revive.toByteArray(),
                    Map.of("Content-Type", "application/x-protobuf", "Mesos-Stream-Id", streamId));
            assertThat(accepted.statusCode()).isEqualTo(202);
        }
    }

    @Test
    void executorCallsFromUnknownExecutorsAndBeforeSubscribingAreRefused() {
        URI executorApi = URI.create("http://127.0.0.1:" + simulator.agent("a1").port() + "/api/v1/executor");
        var unknown = org.apache.mesos.v1.executor.Protos.Call.newBuilder()
                .setType(org.apache.mesos.v1.executor.Protos.Call.Type.MESSAGE)
                .setFrameworkId(FrameworkID.newBuilder().setValue("nobody")).setExecutorId(ExecutorID.newBuilder().setValue("e"))
                .setMessage(org.apache.mesos.v1.executor.Protos.Call.Message.newBuilder().setData(ByteString.copyFromUtf8("x"))).build();
        assertRefused(RawHttp.post(executorApi, unknown.toByteArray(), PROTOBUF), 400, "Framework cannot be found");

        var staging = unknown.toBuilder().setType(org.apache.mesos.v1.executor.Protos.Call.Type.UPDATE).clearMessage()
                .setUpdate(org.apache.mesos.v1.executor.Protos.Call.Update.newBuilder().setStatus(TaskStatus.newBuilder()
                        .setTaskId(TaskID.newBuilder().setValue("t")).setState(TaskState.TASK_STAGING)
                        .setSource(TaskStatus.Source.SOURCE_EXECUTOR).setUuid(ByteString.copyFrom(new byte[16])))).build();
        HttpResponse<InputStream> response = RawHttp.post(executorApi, staging.toByteArray(), PROTOBUF);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawHttp.text(response)).startsWith("Failed to validate Executor::Call: Received TASK_STAGING");
    }
}
