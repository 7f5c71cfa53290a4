package org.mesoslogstash.mesos.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.mesos.recordio.RecordIoDecoder;

/** The fake master answers raw HTTP the way a Mesos master does. */
class FakeMesosMasterTest {

    private static final String PROTOBUF = "application/x-protobuf";
    private static final Call SUBSCRIBE = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
            .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(FrameworkInfo.newBuilder().setUser("u").setName("n")))
            .build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<InputStream> streams = new ArrayList<>();
    private FakeMesosMaster master;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        master = FakeMesosMaster.start();
        endpoint = master.uri().resolve(FakeMesosMaster.PATH);
    }

    @AfterEach
    void stop() throws Exception {
        for (InputStream stream : streams) {
            stream.close();
        }
        master.close();
        http.close();
    }

    private HttpRequest.Builder post(byte[] body) {
        return HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> call(Call call, String streamId) throws Exception {
        HttpRequest.Builder request = post(call.toByteArray()).header("Content-Type", PROTOBUF);
        if (streamId != null) {
            request.header("Mesos-Stream-Id", streamId);
        }
        return send(request);
    }

    /** Subscribes and returns the first event, leaving the stream open. */
    private Event subscribe(HttpResponse<InputStream>[] response) throws Exception {
        response[0] = http.send(post(SUBSCRIBE.toByteArray()).header("Content-Type", PROTOBUF).header("Accept", PROTOBUF).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response[0].body();
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

    private Call revive(FrameworkID id) {
        return Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(id).build();
    }

    @Test
    @SuppressWarnings("unchecked")
    void subscribeAnswersAStreamWithStreamIdAndSubscribedFirst() throws Exception {
        HttpResponse<InputStream>[] response = new HttpResponse[1];

        Event first = subscribe(response);

        assertThat(response[0].statusCode()).isEqualTo(200);
        assertThat(response[0].headers().firstValue("Content-Type")).contains(PROTOBUF);
        assertThat(response[0].headers().firstValue("Mesos-Stream-Id")).isEqualTo(master.streamId());
        assertThat(first.getType()).isEqualTo(Event.Type.SUBSCRIBED);
        assertThat(first.getSubscribed().getFrameworkId()).isEqualTo(master.frameworkId().orElseThrow());
        assertThat(first.getSubscribed().getHeartbeatIntervalSeconds()).isEqualTo(15.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void callWithTheStreamIdIsAccepted() throws Exception {
        subscribe(new HttpResponse[1]);

        HttpResponse<String> response = call(revive(master.frameworkId().orElseThrow()), master.streamId().orElseThrow());

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    @SuppressWarnings("unchecked")
    void acceptedCallsReachTheObserver() throws Exception {
        List<Call> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
        master.onAcceptedCall(observed::add);
        subscribe(new HttpResponse[1]);
        Call revive = revive(master.frameworkId().orElseThrow());

        call(revive, master.streamId().orElseThrow());
        call(revive, null);

        assertThat(observed).containsExactly(revive);
    }

    @Test
    @SuppressWarnings("unchecked")
    void callWithoutStreamIdIsABadRequest() throws Exception {
        subscribe(new HttpResponse[1]);

        HttpResponse<String> response = call(revive(master.frameworkId().orElseThrow()), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
    }

    @Test
    @SuppressWarnings("unchecked")
    void callWithAnotherStreamIdIsABadRequest() throws Exception {
        subscribe(new HttpResponse[1]);

        HttpResponse<String> response = call(revive(master.frameworkId().orElseThrow()), "not-the-stream");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("The stream ID 'not-the-stream' included in this request didn't match");
    }

    @Test
    void callWithoutFrameworkIdFailsValidation() throws Exception {
        HttpResponse<String> response = call(Call.newBuilder().setType(Call.Type.REVIVE).build(), "x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Failed to validate scheduler::Call: Expecting 'framework_id' to be present");
    }

    @Test
    void bodyThatIsNotACallFailsToParse() throws Exception {
        HttpResponse<String> response = send(post(new byte[] {(byte) 0xff, 0x00}).header("Content-Type", PROTOBUF));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("Failed to parse body into Call protobuf");
    }

    @Test
    void missingContentTypeIsABadRequestAndAnUnknownOneUnsupported() throws Exception {
        assertThat(send(post(SUBSCRIBE.toByteArray())).statusCode()).isEqualTo(400);
        HttpResponse<String> unsupported = send(post(SUBSCRIBE.toByteArray()).header("Content-Type", "text/plain"));
        assertThat(unsupported.statusCode()).isEqualTo(415);
        assertThat(unsupported.body()).isEqualTo("Expecting 'Content-Type' of application/json or application/x-protobuf");
    }

    @Test
    void subscribeWithAStreamIdIsABadRequest() throws Exception {
        HttpResponse<String> response = send(post(SUBSCRIBE.toByteArray()).header("Content-Type", PROTOBUF)
                .header("Accept", PROTOBUF).header("Mesos-Stream-Id", "x"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Subscribe calls should not include the 'Mesos-Stream-Id' header");
    }

    @Test
    void callOfAnUnknownFrameworkIsRefused() throws Exception {
        HttpResponse<String> response = call(revive(FrameworkID.newBuilder().setValue("nobody").build()), "x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Framework cannot be found");
    }

    @Test
    void nonLeaderRedirectsSchemeRelatively() throws Exception {
        master.redirectTo(URI.create("http://leader.example:5050"));

        HttpResponse<String> response = call(SUBSCRIBE, null);

        assertThat(response.statusCode()).isEqualTo(307);
        assertThat(response.headers().firstValue("Location")).contains("//leader.example:5050/api/v1/scheduler");
    }

    @Test
    void onlyPostIsAllowed() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint).GET());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void requiresBasicAuthenticationWhenConfigured() throws Exception {
        master.requireCredential("p", "s");

        HttpResponse<String> response = call(SUBSCRIBE, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"mesos\"");
    }
}
