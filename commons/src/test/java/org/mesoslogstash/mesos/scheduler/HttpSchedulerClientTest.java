package org.mesoslogstash.mesos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.mesos.http.MesosCallException;
import org.mesoslogstash.mesos.http.MesosConnectionException;
import org.mesoslogstash.mesos.http.MesosHttpClient;
import org.mesoslogstash.mesos.http.NotSubscribedException;
import org.mesoslogstash.mesos.master.MasterDetector;
import org.mesoslogstash.mesos.master.StaticMasterDetector;
import org.mesoslogstash.mesos.testsupport.FakeMesosMaster;

class HttpSchedulerClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final FrameworkInfo FRAMEWORK = FrameworkInfo.newBuilder().setUser("root").setName("mesos-logstash-test").build();
    private static final SchedulerClientConfig CONFIG = SchedulerClientConfig.defaults(failures -> Duration.ofMillis(20))
            .withRequestTimeout(Duration.ofSeconds(5))
            .withHeartbeatMisses(3);
    /** Long enough that a loaded build machine does not miss heartbeats where a test does not mean it to. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private FakeMesosMaster master;

    @BeforeEach
    void startMaster() throws Exception {
        master = fakeMaster();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private FakeMesosMaster fakeMaster() throws Exception {
        FakeMesosMaster fake = FakeMesosMaster.start();
        fake.heartbeatInterval(HEARTBEAT);
        toClose.add(fake);
        return fake;
    }

    private HttpSchedulerClient client(MasterDetector detector, SchedulerClientConfig config) {
        HttpSchedulerClient client = new HttpSchedulerClient(detector, MesosHttpClient.create(Duration.ofSeconds(2)),
                config, Thread.ofPlatform().name("mesos-events").factory());
        toClose.add(client);
        return client;
    }

    private HttpSchedulerClient subscribedClient() {
        HttpSchedulerClient client = client(new StaticMasterDetector(List.of(master.uri())), CONFIG);
        client.start(FRAMEWORK, listener);
        await().atMost(WAIT).until(() -> listener.count("subscribed") == 1);
        return client;
    }

    private static Event offers(String... ids) {
        Event.Offers.Builder offers = Event.Offers.newBuilder();
        for (String id : ids) {
            offers.addOffers(Offer.newBuilder().setId(OfferID.newBuilder().setValue(id))
                    .setFrameworkId(FrameworkID.newBuilder().setValue("f")).setAgentId(AgentID.newBuilder().setValue("a"))
                    .setHostname("agent"));
        }
        return Event.newBuilder().setType(Event.Type.OFFERS).setOffers(offers).build();
    }

    private static OfferID offerId(String id) {
        return OfferID.newBuilder().setValue(id).build();
    }

    @Test
    void subscribesAndDeliversEventsInOrderOnOneThread() {
        HttpSchedulerClient client = subscribedClient();

        master.sendEvent(offers("o1", "o2"));
        master.sendEvent(Event.newBuilder().setType(Event.Type.RESCIND)
                .setRescind(Event.Rescind.newBuilder().setOfferId(offerId("o1"))).build());
        master.sendEvent(Event.newBuilder().setType(Event.Type.ERROR)
                .setError(Event.Error.newBuilder().setMessage("Framework is not authorized")).build());

        await().atMost(WAIT).until(() -> listener.events.size() == 4);
        String id = master.frameworkId().orElseThrow().getValue();
        assertThat(listener.events).containsExactly("subscribed " + id, "offers [o1, o2]", "rescind o1",
                "error Framework is not authorized");
        assertThat(listener.threads).extracting(Thread::getName).containsExactly("mesos-events");
        assertThat(client.frameworkId()).contains(master.frameworkId().orElseThrow());
    }

    @Test
    void aRefusedSubscriptionReachesTheListenerAsAnError() {
        master.removeFramework("Framework has been removed");
        HttpSchedulerClient client = client(new StaticMasterDetector(List.of(master.uri())), CONFIG);

        client.start(FRAMEWORK, listener);

        await().atMost(WAIT).until(() -> listener.count("error") >= 1);
        assertThat(listener.events).contains("error Framework has been removed").noneMatch(e -> e.startsWith("subscribed"));
    }

    @Test
    void subscribesAsProtobufWithoutStreamId() {
        subscribedClient();

        FakeMesosMaster.Request subscribe = master.requests().getFirst();
        assertThat(subscribe.status()).isEqualTo(200);
        assertThat(subscribe.header("Content-Type")).contains("application/x-protobuf");
        assertThat(subscribe.header("Accept")).contains("application/x-protobuf");
        assertThat(subscribe.header("Mesos-Stream-Id")).isEmpty();
        assertThat(subscribe.call().getSubscribe().getFrameworkInfo()).isEqualTo(FRAMEWORK);
    }

    @Test
    void callsCarryTheStreamIdAndFrameworkId() {
        HttpSchedulerClient client = subscribedClient();

        client.decline(List.of(offerId("o1")), Filters.newBuilder().setRefuseSeconds(30).build());
        client.message(AgentID.newBuilder().setValue("a").build(), ExecutorID.newBuilder().setValue("e").build(),
                ByteString.copyFromUtf8("config v2"));

        List<FakeMesosMaster.Request> calls = master.requests().subList(1, 3);
        assertThat(calls).extracting(FakeMesosMaster.Request::status).containsExactly(202, 202);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.header("Mesos-Stream-Id")).isEqualTo(master.streamId());
            assertThat(call.call().getFrameworkId()).isEqualTo(master.frameworkId().orElseThrow());
        });
        assertThat(calls.get(0).call().getDecline().getOfferIds(0)).isEqualTo(offerId("o1"));
    }

    @Test
    void callBeforeSubscriptionIsNotSent() {
        HttpSchedulerClient client = client(new StaticMasterDetector(List.of(master.uri())), CONFIG);

        assertThatThrownBy(client::revive).isInstanceOf(NotSubscribedException.class).hasMessageContaining("REVIVE");
        assertThat(master.requests()).isEmpty();
    }

    @Test
    void malformedCallIsRejectedWithTheMastersReason() {
        HttpSchedulerClient client = subscribedClient();

        assertThatThrownBy(() -> client.send(Call.newBuilder().setType(Call.Type.ACCEPT).build()))
                .isInstanceOfSatisfying(MesosCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.callType()).isEqualTo("ACCEPT");
                    assertThat(e.body()).isEqualTo("Failed to validate scheduler::Call: Expecting 'accept' to be present");
                });
    }

    @Test
    void subscribeFollowsTheRedirectToTheLeader() throws Exception {
        FakeMesosMaster standby = fakeMaster();
        standby.redirectTo(master.uri());
        HttpSchedulerClient client = client(new StaticMasterDetector(List.of(standby.uri(), master.uri())), CONFIG);

        client.start(FRAMEWORK, listener);

        await().atMost(WAIT).until(() -> listener.count("subscribed") == 1);
        assertThat(standby.requests()).extracting(FakeMesosMaster.Request::status).containsExactly(307);
        assertThat(master.subscriptions()).isEqualTo(1);
        client.revive();
        assertThat(master.requests()).last().extracting(FakeMesosMaster.Request::status).isEqualTo(202);
    }

    @Test
    void unreachableMasterIsSkippedForTheNextOne() throws Exception {
        FakeMesosMaster gone = fakeMaster();
        URI goneUri = gone.uri();
        gone.close();
        HttpSchedulerClient client = client(new StaticMasterDetector(List.of(goneUri, master.uri())), CONFIG);

        client.start(FRAMEWORK, listener);

        await().atMost(WAIT).until(() -> listener.count("subscribed") == 1);
        assertThat(listener.subscribeFailures).singleElement().isInstanceOf(MesosConnectionException.class);
        assertThat(listener.events).doesNotContain("disconnected");
    }

    @Test
    void callFollowsTheRedirectAndReportsTheNewMastersAnswer() throws Exception {
        HttpSchedulerClient client = subscribedClient();
        FakeMesosMaster newLeader = fakeMaster();
        master.redirectTo(newLeader.uri());

        assertThatThrownBy(client::revive).isInstanceOfSatisfying(MesosCallException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.endpoint()).isEqualTo(newLeader.uri().resolve(FakeMesosMaster.PATH));
            assertThat(e.body()).isEqualTo("Framework cannot be found");
        });
        assertThat(newLeader.requests()).singleElement()
                .satisfies(request -> assertThat(request.header("Mesos-Stream-Id")).isPresent());
    }

    @Test
    void redirectLoopsAreCutOff() {
        HttpSchedulerClient client = subscribedClient();
        master.redirectTo(master.uri());

        assertThatThrownBy(client::revive).isInstanceOf(MesosConnectionException.class)
                .hasMessageContaining("redirected more than 5 times");
    }

    @Test
    void heartbeatLossResubscribesWithTheSameFrameworkId() {
        master.heartbeatInterval(Duration.ofMillis(200));
        subscribedClient();
        FrameworkID id = master.frameworkId().orElseThrow();

        master.silenceCurrentStream();

        await().atMost(WAIT).until(() -> listener.count("subscribed") == 2);
        assertThat(listener.events).hasSize(3);
        assertThat(listener.events.get(1)).startsWith("disconnected no event from the master for").contains("3 heartbeat intervals");
        assertThat(listener.events.get(2)).isEqualTo("subscribed " + id.getValue());
        Call resubscribe = master.acceptedCalls().getLast();
        assertThat(resubscribe.getSubscribe().getFrameworkInfo().getId()).isEqualTo(id);
        assertThat(resubscribe.getFrameworkId()).isEqualTo(id);
    }

    @Test
    void subscriptionOutlivesTheRequestTimeout() {
        master.heartbeatInterval(Duration.ofMillis(200));
        HttpSchedulerClient client = client(new StaticMasterDetector(List.of(master.uri())),
                CONFIG.withRequestTimeout(Duration.ofMillis(800)).withHeartbeatMisses(5));
        client.start(FRAMEWORK, listener);
        await().atMost(WAIT).until(() -> listener.count("subscribed") == 1);

        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> listener.count("disconnected") == 0);
    }

    @Test
    void streamClosedByTheMasterIsReconnected() {
        HttpSchedulerClient client = subscribedClient();
        String firstStream = master.streamId().orElseThrow();

        master.closeStream();

        await().atMost(WAIT).until(() -> listener.count("subscribed") == 2);
        assertThat(listener.events.get(1)).isEqualTo("disconnected master closed the event stream");
        assertThat(master.streamId()).isPresent().isNotEqualTo(Optional.of(firstStream));
        client.revive();
        assertThat(master.requests()).last().satisfies(request -> {
            assertThat(request.status()).isEqualTo(202);
            assertThat(request.header("Mesos-Stream-Id")).isEqualTo(master.streamId());
        });
    }

    @Test
    void followsTheDetectorToANewLeader() throws Exception {
        FakeMesosMaster next = fakeMaster();
        MovableDetector detector = new MovableDetector(master.uri());
        HttpSchedulerClient client = client(detector, CONFIG);
        client.start(FRAMEWORK, listener);
        await().atMost(WAIT).until(() -> listener.count("subscribed") == 1);
        FrameworkID id = master.frameworkId().orElseThrow();

        detector.moveTo(next.uri());

        await().atMost(WAIT).until(() -> listener.count("subscribed") == 2);
        assertThat(listener.events.get(1)).isEqualTo("disconnected leading master changed to " + next.uri());
        assertThat(next.frameworkId()).contains(id);
    }

    @Test
    void authenticatesWithTheFrameworkCredential() {
        master.requireCredential("logstash", "s3cret");
        HttpSchedulerClient client = client(new StaticMasterDetector(List.of(master.uri())),
                CONFIG.withCredential(new Credential("logstash", "s3cret")));
        client.start(FRAMEWORK, listener);
        await().atMost(WAIT).until(() -> listener.count("subscribed") == 1);

        client.suppress();

        assertThat(master.requests()).hasSize(2).allSatisfy(request ->
                assertThat(request.header("Authorization")).contains("Basic bG9nc3Rhc2g6czNjcmV0"));
    }

    @Test
    void wrongCredentialIsReportedAsRefusedSubscription() {
        master.requireCredential("logstash", "s3cret");
        HttpSchedulerClient client = client(new StaticMasterDetector(List.of(master.uri())),
                CONFIG.withCredential(new Credential("logstash", "wrong")));

        client.start(FRAMEWORK, listener);

        await().atMost(WAIT).until(() -> !listener.subscribeFailures.isEmpty());
        assertThat(listener.subscribeFailures.getFirst()).isInstanceOfSatisfying(MesosCallException.class,
                e -> assertThat(e.status()).isEqualTo(401));
        assertThat(listener.events).isEmpty();
    }

    @Test
    void closeEndsTheSubscriptionWithoutTearingDown() {
        HttpSchedulerClient client = subscribedClient();

        client.close();

        assertThat(listener.events).last().isEqualTo("disconnected scheduler client closed");
        await().atMost(WAIT).until(() -> !master.isStreamOpen());
        assertThat(master.acceptedCalls()).extracting(Call::getType).containsExactly(Call.Type.SUBSCRIBE);
        assertThatThrownBy(client::revive).isInstanceOf(NotSubscribedException.class);
    }

    @Test
    void teardownIsTheLastCall() {
        HttpSchedulerClient client = subscribedClient();

        client.teardown();

        await().atMost(WAIT).until(() -> listener.count("disconnected") == 1);
        assertThat(master.acceptedCalls()).extracting(Call::getType).containsExactly(Call.Type.SUBSCRIBE, Call.Type.TEARDOWN);
        assertThat(master.subscriptions()).isEqualTo(1);
    }

    /** A detector whose leader the test moves, as ZooKeeper would on a master failover. */
    private static final class MovableDetector implements MasterDetector {
        private volatile URI leader;
        private final List<Consumer<Optional<URI>>> listeners = new CopyOnWriteArrayList<>();

        MovableDetector(URI leader) {
            this.leader = leader;
        }

        void moveTo(URI next) {
            leader = next;
            listeners.forEach(l -> l.accept(Optional.of(next)));
        }

        @Override
        public Optional<URI> leader() {
            return Optional.of(leader);
        }

        @Override
        public Registration onLeaderChange(Consumer<Optional<URI>> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public void unreachable(URI master) {
        }

        @Override
        public void close() {
        }
    }
}
