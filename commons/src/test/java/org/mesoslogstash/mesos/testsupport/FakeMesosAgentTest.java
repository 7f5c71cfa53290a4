package org.mesoslogstash.mesos.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.mesos.recordio.RecordIoDecoder;

/** The fake agent answers raw HTTP the way a Mesos agent's executor endpoint does. */
class FakeMesosAgentTest {

    private static final String PROTOBUF = "application/x-protobuf";
    private static final FrameworkID FRAMEWORK = FrameworkID.newBuilder().setValue("fw-1").build();
    private static final ExecutorID EXECUTOR = ExecutorID.newBuilder().setValue("ex-1").build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<InputStream> streams = new ArrayList<>();
    private FakeMesosAgent agent;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        agent = FakeMesosAgent.start("fw-1", "ex-1");
        endpoint = agent.uri().resolve(FakeMesosAgent.PATH);
    }

    @AfterEach
    void stop() throws Exception {
        for (InputStream stream : streams) {
            stream.close();
        }
        agent.close();
        http.close();
    }

    private static Call.Builder call(Call.Type type) {
        return Call.newBuilder().setType(type).setFrameworkId(FRAMEWORK).setExecutorId(EXECUTOR);
    }

    private static Call update(TaskStatus.Builder status) {
        return call(Call.Type.UPDATE).setUpdate(Call.Update.newBuilder().setStatus(status)).build();
    }

    private static TaskStatus.Builder running() {
        return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t-1")).setState(TaskState.TASK_RUNNING)
                .setSource(TaskStatus.Source.SOURCE_EXECUTOR).setUuid(ByteString.copyFrom(new byte[16]));
    }

    private HttpResponse<String> post(byte[] body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(Call call) throws Exception {
        return post(call.toByteArray(), PROTOBUF);
    }

    /** Subscribes and returns the first event, leaving the stream open. */
    private Event subscribe() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", PROTOBUF).header("Accept", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(call(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.getDefaultInstance())
                        .build().toByteArray())).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(PROTOBUF);
        InputStream body = response.body();
        streams.add(body);
        List<byte[]> records = new ArrayList<>();
        RecordIoDecoder decoder = new RecordIoDecoder(1 << 20, records::add);
        while (records.isEmpty()) {
            int b = body.read();
            assertThat(b).isNotNegative();
            decoder.decode(new byte[] {(byte) b}, 0, 1);
        }
        return Event.parseFrom(records.getFirst());
    }

    @Test
    void subscribeStreamsSubscribedFirst() throws Exception {
        Event first = subscribe();

        assertThat(first.getType()).isEqualTo(Event.Type.SUBSCRIBED);
        assertThat(first.getSubscribed().getExecutorInfo().getExecutorId()).isEqualTo(EXECUTOR);
        assertThat(agent.isStreamOpen()).isTrue();
    }

    @Test
    void callsBeforeSubscribingAreForbidden() throws Exception {
        HttpResponse<String> response = post(update(running()));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("Executor is not subscribed");
    }

    @Test
    void acceptedCallsAnswer202() throws Exception {
        subscribe();

        assertThat(post(update(running())).statusCode()).isEqualTo(202);
        assertThat(post(call(Call.Type.MESSAGE).setMessage(Call.Message.newBuilder().setData(ByteString.copyFromUtf8("m"))).build())
                .statusCode()).isEqualTo(202);
        assertThat(agent.updates()).hasSize(1);
        assertThat(agent.messages()).containsExactly(ByteString.copyFromUtf8("m"));
    }

    @Test
    void missingContentTypeIs400() throws Exception {
        HttpResponse<String> response = post(update(running()).toByteArray(), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Expecting 'Content-Type' to be present");
    }

    @Test
    void unknownContentTypeIs415() throws Exception {
        assertThat(post(new byte[0], "text/plain").statusCode()).isEqualTo(415);
    }

    @Test
    void garbageIs400() throws Exception {
        HttpResponse<String> response = post(new byte[] {(byte) 0xff, 0x01, 0x02}, PROTOBUF);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Failed to parse body into Call protobuf");
    }

    @Test
    void callWithoutExecutorIdDoesNotParse() throws Exception {
        // executor_id is a required field of the v1 executor Call: the protobuf parse fails, as in Mesos.
        HttpResponse<String> response = post(Call.newBuilder().setType(Call.Type.MESSAGE).setFrameworkId(FRAMEWORK)
                .setMessage(Call.Message.newBuilder().setData(ByteString.EMPTY)).buildPartial().toByteArray(), PROTOBUF);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Failed to parse body into Call protobuf");
    }

    @Test
    void messageCallWithoutMessageFailsValidation() throws Exception {
        HttpResponse<String> response = post(call(Call.Type.MESSAGE).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Failed to validate Executor::Call: Expecting 'message' to be present");
    }

    @Test
    void updateWithoutUuidFailsValidation() throws Exception {
        subscribe();

        HttpResponse<String> response = post(update(running().clearUuid()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Failed to validate Executor::Call: Expecting 'uuid' to be present");
    }

    @Test
    void updateFromAnotherSourceFailsValidation() throws Exception {
        HttpResponse<String> response = post(update(running().setSource(TaskStatus.Source.SOURCE_AGENT)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("with invalid source, expecting 'SOURCE_EXECUTOR'");
    }

    @Test
    void stagingUpdateFailsValidation() throws Exception {
        HttpResponse<String> response = post(update(running().setState(TaskState.TASK_STAGING)));

        assertThat(response.body()).isEqualTo("Failed to validate Executor::Call: Received TASK_STAGING from executor ex-1 of framework fw-1 which is not allowed");
    }

    @Test
    void unknownFrameworkAndExecutorAre400() throws Exception {
        HttpResponse<String> framework = post(call(Call.Type.SUBSCRIBE).setFrameworkId(FrameworkID.newBuilder().setValue("other"))
                .setSubscribe(Call.Subscribe.getDefaultInstance()).build());
        HttpResponse<String> executor = post(call(Call.Type.SUBSCRIBE).setExecutorId(ExecutorID.newBuilder().setValue("other"))
                .setSubscribe(Call.Subscribe.getDefaultInstance()).build());

        assertThat(framework.statusCode()).isEqualTo(406); // no Accept header: checked before the lookup, as in Mesos
        assertThat(executor.statusCode()).isEqualTo(406);
        assertThat(post(call(Call.Type.MESSAGE).setFrameworkId(FrameworkID.newBuilder().setValue("other"))
                .setMessage(Call.Message.newBuilder().setData(ByteString.EMPTY)).build()).body()).isEqualTo("Framework cannot be found");
        assertThat(post(call(Call.Type.MESSAGE).setExecutorId(ExecutorID.newBuilder().setValue("other"))
                .setMessage(Call.Message.newBuilder().setData(ByteString.EMPTY)).build()).body()).isEqualTo("Executor cannot be found");
    }

    @Test
    void wrongTokenIs401() throws Exception {
        agent.requireToken("jwt");

        HttpResponse<String> response = post(update(running()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void aStoppedAgentRefusesConnectionsAndComesBackOnTheSamePortWantingANewSubscription() throws Exception {
        subscribe();

        agent.stop();
        Throwable refused = null;
        try {
            post(update(running()));
        } catch (ConnectException e) {
            refused = e;
        }
        agent.restart();

        assertThat(refused).isInstanceOf(ConnectException.class);
        assertThat(post(update(running())).statusCode()).isEqualTo(403);
        assertThat(subscribe().getType()).isEqualTo(Event.Type.SUBSCRIBED);
    }
}
