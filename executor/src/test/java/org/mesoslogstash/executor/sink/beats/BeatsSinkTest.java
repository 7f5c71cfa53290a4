package org.mesoslogstash.executor.sink.beats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.sink.EventJson;
import org.mesoslogstash.executor.sink.SinkClosedException;
import org.mesoslogstash.executor.testsupport.BeatsReceiver;
import org.mesoslogstash.executor.testsupport.TestEvents;
import org.mesoslogstash.executor.testsupport.TestTls;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.retry.Sleeper;

class BeatsSinkTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path tlsDir;
    private static TestTls tls; // keytool is slow; one certificate serves every TLS test

    private BeatsReceiver receiver;
    private BeatsSink sink;

    @BeforeAll
    static void generateCertificate() throws Exception {
        tls = TestTls.generate(tlsDir);
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = BeatsReceiver.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (sink != null) {
            sink.close();
        }
        receiver.close();
    }

    private BeatsSinkOptions options() {
        return BeatsSinkOptions.defaults("localhost", receiver.port())
                .withAckTimeout(Duration.ofSeconds(10))
                .withReconnect(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)));
    }

    private BeatsSink start(BeatsSinkOptions options) {
        sink = BeatsSink.start(options, EventJson.forBeats(), InstantSource.system(), Sleeper.REAL);
        return sink;
    }

    private static List<String> messages(String prefix, int count) {
        return TestEvents.numbered(prefix, count).stream().map(e -> new String(e.line())).toList();
    }

    private static void awaitDone(CompletionStage<Void> stage) {
        await().atMost(WAIT).until(() -> stage.toCompletableFuture().isDone());
        stage.toCompletableFuture().join();
    }

    @Test
    void batchCompletesWhenTheReceiverAcknowledgesIt() {
        start(options());

        CompletionStage<Void> stage = sink.publish(TestEvents.numbered("a", 10));

        awaitDone(stage);
        assertThat(receiver.messages()).isEqualTo(messages("a", 10));
        assertThat(sink.unacknowledgedEvents()).isZero();
        assertThat(receiver.parsedDocuments().getFirst().at("/@metadata/beat").asString()).isEqualTo("mesos-logstash");
    }

    @Test
    void emptyBatchCompletesAtOnce() {
        start(options());

        assertThat(sink.publish(List.of()).toCompletableFuture()).isCompleted();
    }

    @Test
    void delayedAcknowledgementWithKeepalivesOutlastsTheAckTimeout() {
        receiver.setAckDelay(Duration.ofMillis(1500));
        start(options().withAckTimeout(Duration.ofMillis(400)));

        CompletionStage<Void> stage = sink.publish(TestEvents.numbered("slow", 3));

        awaitDone(stage);
        assertThat(receiver.connections()).isEqualTo(1);
        assertThat(receiver.messages()).isEqualTo(messages("slow", 3));
    }

    @Test
    void partialAcknowledgementsDoNotCompleteTheBatch() {
        receiver.setPartialAcks(true);
        receiver.holdAcks();
        start(options());

        CompletionStage<Void> stage = sink.publish(TestEvents.numbered("p", 10));
        await().atMost(WAIT).until(() -> receiver.eventCount() == 10);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> !stage.toCompletableFuture().isDone());
        assertThat(sink.unacknowledgedEvents()).isEqualTo(10);

        receiver.releaseAcks();
        awaitDone(stage);
        assertThat(sink.unacknowledgedEvents()).isZero();
    }

    @Test
    void connectionDroppedMidWindowIsReestablishedAndTheWindowResent() {
        receiver.dropConnectionAfter(5);
        start(options());

        CompletionStage<Void> stage = sink.publish(TestEvents.numbered("d", 10));

        awaitDone(stage);
        assertThat(receiver.connections()).isEqualTo(2);
        assertThat(receiver.messages()).isEqualTo(messages("d", 10));
    }

    @Test
    void receiverDownAtStartThenUpGetsEverythingInOrder() throws Exception {
        receiver.stopListening();
        start(options());

        CompletionStage<Void> first = sink.publish(TestEvents.numbered("first", 4));
        CompletionStage<Void> second = sink.publish(TestEvents.numbered("second", 4));
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> !first.toCompletableFuture().isDone());
        assertThat(sink.unacknowledgedEvents()).isEqualTo(8);

        receiver.startListening();
        awaitDone(second);
        assertThat(first.toCompletableFuture()).isCompleted();
        List<String> expected = new ArrayList<>(messages("first", 4));
        expected.addAll(messages("second", 4));
        assertThat(receiver.messages()).isEqualTo(expected);
    }

    @Test
    void receiverRestartMidStreamLosesNothing() throws Exception {
        start(options());
        awaitDone(sink.publish(TestEvents.numbered("before", 3)));

        receiver.stopListening();
        CompletionStage<Void> during = sink.publish(TestEvents.numbered("during", 3));
        receiver.startListening();

        awaitDone(during);
        assertThat(receiver.messages()).containsSubsequence(messages("during", 3)).containsAll(messages("before", 3));
    }

    @Test
    void silenceBeyondTheAckTimeoutDropsTheConnectionAndResends() {
        receiver.setKeepalives(false);
        receiver.holdAcks();
        start(options().withAckTimeout(Duration.ofMillis(300)));

        CompletionStage<Void> stage = sink.publish(TestEvents.numbered("t", 2));
        await().atMost(WAIT).until(() -> receiver.connections() >= 2);
        receiver.releaseAcks();

        awaitDone(stage);
        // At-least-once: the first connection's copy was complete, so it may have arrived twice.
        assertThat(receiver.messages()).containsAll(messages("t", 2));
    }

    @Test
    void acknowledgementBeyondTheWindowIsAProtocolErrorThatReconnects() throws Exception {
        receiver.holdAcks();
        start(options());
        CompletionStage<Void> stage = sink.publish(TestEvents.numbered("e", 3));
        await().atMost(WAIT).until(() -> receiver.eventCount() == 3);

        receiver.sendStrayAck(7);

        await().atMost(WAIT).until(() -> receiver.connections() == 2 && receiver.eventCount() == 6);
        assertThat(stage.toCompletableFuture()).isNotDone();
        receiver.releaseAcks();
        awaitDone(stage);
    }

    @Test
    void batchesCompleteInPublishOrder() {
        receiver.setPartialAcks(true);
        start(options().withMaxBatchesInFlight(8));
        List<Integer> completed = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> stages = new ArrayList<>();

        for (int i = 0; i < 8; i++) {
            int batch = i;
            stages.add(sink.publish(TestEvents.numbered("o" + i, 1 + i * 3)).thenRun(() -> completed.add(batch)).toCompletableFuture());
        }

        stages.forEach(BeatsSinkTest::awaitDone);
        assertThat(completed).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(receiver.eventCount()).isEqualTo(8 + 3 * 28);
    }

    @Test
    void publishBlocksWhileTheMaximumOfBatchesIsUnacknowledged() {
        receiver.holdAcks();
        start(options().withMaxBatchesInFlight(1));
        CompletionStage<Void> first = sink.publish(TestEvents.numbered("one", 2));

        CompletableFuture<CompletionStage<Void>> secondPublish = CompletableFuture.supplyAsync(
                () -> sink.publish(TestEvents.numbered("two", 2)));
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> !secondPublish.isDone());

        receiver.releaseAcks();
        awaitDone(first);
        awaitDone(secondPublish.join());
        assertThat(receiver.eventCount()).isEqualTo(4);
    }

    @Test
    void dependentActionThatPublishesAndBlocksDoesNotStallAcknowledgements() {
        start(options().withMaxBatchesInFlight(1));
        CompletableFuture<Void> chainDone = new CompletableFuture<>();

        sink.publish(TestEvents.numbered("a", 1)).thenRun(() -> {
            sink.publish(TestEvents.numbered("b", 1));
            // Blocks until "b" is acknowledged, which needs ACKs read while this action runs.
            sink.publish(TestEvents.numbered("c", 1)).thenRun(() -> chainDone.complete(null));
        });

        awaitDone(chainDone);
        assertThat(receiver.messages()).containsExactly("a-0", "b-0", "c-0");
    }

    @Test
    void closeFailsUnacknowledgedBatchesWithTheirCount() {
        receiver.holdAcks();
        start(options());
        CompletionStage<Void> first = sink.publish(TestEvents.numbered("u", 3));
        CompletionStage<Void> second = sink.publish(TestEvents.numbered("v", 4));
        await().atMost(WAIT).until(() -> receiver.eventCount() == 7);

        sink.close();

        for (CompletionStage<Void> stage : List.of(first, second)) {
            assertThat(stage.toCompletableFuture()).isCompletedExceptionally();
            try {
                stage.toCompletableFuture().join();
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(SinkClosedException.class).hasMessageContaining("7 events");
            }
        }
        assertThat(sink.publish(TestEvents.numbered("late", 1)).toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void closeWhileReconnectingReturnsPromptly() throws Exception {
        receiver.stopListening();
        start(options().withReconnect(new Backoff(Duration.ofSeconds(60), Duration.ofSeconds(60))));
        CompletionStage<Void> stage = sink.publish(TestEvents.numbered("never", 1));

        sink.close();

        assertThat(stage.toCompletableFuture()).isCompletedExceptionally();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 9})
    void everyCompressionLevelDeliversTheSameDocuments(int level) {
        start(options().withCompressionLevel(level));
        List<LogEvent> batch = TestEvents.numbered("z".repeat(200), 500);

        awaitDone(sink.publish(batch));

        EventJson json = EventJson.forBeats();
        assertThat(receiver.documents()).zipSatisfy(batch, (document, event) -> assertThat(document).isEqualTo(json.toBytes(event)));
    }

    @Test
    void deliversOverTlsWithHostnameVerification() throws Exception {
        receiver.close();
        receiver = BeatsReceiver.startTls(tls.server());
        start(options().withTls(tls.client()));

        awaitDone(sink.publish(TestEvents.numbered("secret", 5)));

        assertThat(receiver.messages()).isEqualTo(messages("secret", 5));
    }

    @Test
    void tlsConnectionSurvivesWaitingForADelayedAcknowledgement() throws Exception {
        receiver.close();
        receiver = BeatsReceiver.startTls(tls.server());
        receiver.setAckDelay(Duration.ofMillis(1000));
        start(options().withTls(tls.client()).withAckTimeout(Duration.ofMillis(400)));

        awaitDone(sink.publish(TestEvents.numbered("slow-secret", 2)));
        awaitDone(sink.publish(TestEvents.numbered("more", 2)));

        assertThat(receiver.connections()).isEqualTo(1);
        assertThat(receiver.eventCount()).isEqualTo(4);
    }

    @Test
    void untrustedCertificateIsNeverSentTo() throws Exception {
        receiver.close();
        receiver = BeatsReceiver.startTls(tls.server());
        start(options().withTls(SSLContext.getDefault())); // the JDK's CAs do not trust a self-signed certificate

        CompletionStage<Void> stage = sink.publish(TestEvents.numbered("secret", 1));

        await().atMost(WAIT).until(() -> receiver.connections() >= 2);
        assertThat(stage.toCompletableFuture()).isNotDone();
        assertThat(receiver.eventCount()).isZero();
    }
}
