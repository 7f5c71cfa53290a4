package org.mesoslogstash.executor.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.sink.SinkClosedException;
import org.mesoslogstash.executor.testsupport.TestEvents;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.retry.Sleeper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ElasticsearchSinkTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-29T12:00:00Z"));
    private static final String INDEX = "logs-2026.01.02";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final Sleeper recordingSleeper = sleeps::add;
    private FakeBulkServer server;
    private ElasticsearchSink sink;

    @BeforeEach
    void startServer() throws IOException {
        server = new FakeBulkServer();
    }

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.close();
        }
        server.close();
    }

    private ElasticsearchSinkOptions options(URI... hosts) {
        return ElasticsearchSinkOptions.defaults(List.of(hosts), IndexPattern.parse("logs-%{+yyyy.MM.dd}")).withRetry(BACKOFF);
    }

    private ElasticsearchSink start(ElasticsearchSinkOptions options, Sleeper sleeper) {
        return ElasticsearchSink.start(options, sleeper, CLOCK);
    }

    private static void awaitDone(CompletionStage<Void> stage) {
        await().atMost(WAIT).until(() -> stage.toCompletableFuture().isDone());
        stage.toCompletableFuture().join();
    }

    private List<String> storedMessages() {
        return server.index(INDEX).values().stream().map(doc -> doc.get("message").asString()).sorted().toList();
    }

    private static List<String> expectedMessages(String prefix, int count) {
        return TestEvents.numbered(prefix, count).stream().map(e -> new String(e.line())).sorted().toList();
    }

    @Test
    void storesEachEventAsTheJsonLinesDocumentAndAcknowledges() {
        sink = start(options(server.uri()), recordingSleeper);

        awaitDone(sink.publish(TestEvents.numbered("a", 5)));

        assertThat(storedMessages()).isEqualTo(expectedMessages("a", 5));
        JsonNode document = server.index(INDEX).values().iterator().next();
        assertThat(document.get("container").get("image").get("name").asString()).isEqualTo("nginx:1.27");
        assertThat(document.get("log").get("file").get("path").asString()).isEqualTo("/var/log/app.log");
        assertThat(document.has("@metadata")).isFalse();
        assertThat(sink.metrics().created()).isEqualTo(5);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void anAnswerThatTimesOutIsSentAgainAndItsConflictsCountAsStored() {
        CountDownLatch release = new CountDownLatch(1);
        server.then(FakeBulkServer.storeThenHold(release));
        sink = start(options(server.uri()).withRequestTimeout(Duration.ofMillis(300)), recordingSleeper);

        CompletionStage<Void> stage = sink.publish(TestEvents.numbered("t", 4));
        awaitDone(stage);
        release.countDown();

        assertThat(server.requests).hasSize(2);
        assertThat(server.requests.get(1)).isEqualTo(server.requests.get(0));
        assertThat(storedMessages()).isEqualTo(expectedMessages("t", 4));
        assertThat(sink.metrics().alreadyPresent()).isEqualTo(4);
        assertThat(sink.metrics().failures()).isEqualTo(1);
    }

    @Test
    void onlyTheItemsRefusedWith429AreSentAgainAfterABackoff() {
        server.then(FakeBulkServer.items(i -> i % 2 == 1, 429, "es_rejected_execution_exception"));
        sink = start(options(server.uri()), recordingSleeper);

        awaitDone(sink.publish(TestEvents.numbered("r", 6)));

        assertThat(server.requests).hasSize(2);
        List<String> first = server.requests.get(0);
        assertThat(server.requests.get(1)).containsExactly(first.get(1), first.get(3), first.get(5));
        assertThat(storedMessages()).isEqualTo(expectedMessages("r", 6));
        assertThat(sink.metrics().rejected()).isEqualTo(3);
        assertThat(sink.metrics().retries()).isEqualTo(1);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void wholeRequestFailuresAreRetriedWithGrowingBackoff() {
        server.then(FakeBulkServer.status(503), FakeBulkServer.status(429), FakeBulkServer.status(500));
        sink = start(options(server.uri()), recordingSleeper);

        awaitDone(sink.publish(TestEvents.numbered("w", 3)));

        assertThat(server.requests).hasSize(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(storedMessages()).isEqualTo(expectedMessages("w", 3));
        assertThat(sink.metrics().failures()).isEqualTo(3);
        assertThat(sink.metrics().rejected()).isEqualTo(3);
    }

    @Test
    void aHostThatRefusesConnectionsIsFailedOverToTheNext() throws IOException {
        URI dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        sink = start(options(dead, server.uri()), recordingSleeper);

        awaitDone(sink.publish(TestEvents.numbered("f", 2)));
        awaitDone(sink.publish(TestEvents.numbered("g", 2)));

        assertThat(storedMessages()).containsExactlyInAnyOrder("f-0", "f-1", "g-0", "g-1");
        assertThat(sink.metrics().failures()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aMappingErrorGoesToTheDeadLetterIndexWithTheOriginalDocument() {
        server.then(FakeBulkServer.items(i -> i == 1, 400, "mapper_parsing_exception"));
        sink = start(options(server.uri()), recordingSleeper);

        List<LogEvent> batch = TestEvents.numbered("d", 3);
        awaitDone(sink.publish(batch));

        assertThat(storedMessages()).containsExactly("d-0", "d-2");
        assertThat(server.index(INDEX + "-deadletter")).hasSize(1);
        JsonNode letter = server.index(INDEX + "-deadletter").values().iterator().next();
        assertThat(MAPPER.readTree(letter.get("original").asString()).get("message").asString()).isEqualTo("d-1");
        assertThat(letter.get("original_index").asString()).isEqualTo(INDEX);
        assertThat(letter.get("error").get("type").asString()).isEqualTo("mapper_parsing_exception");
        assertThat(letter.get("error").get("status").asInt()).isEqualTo(400);
        assertThat(letter.get("@timestamp").asString()).isEqualTo("2026-11-29T12:00:00Z");
        assertThat(sink.metrics().deadLettered()).isEqualTo(1);
        assertThat(sink.metrics().created()).isEqualTo(2);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void batchesAreAcknowledgedInPublishOrderEvenWhenALaterOneIsStoredFirst() {
        CountDownLatch release = new CountDownLatch(1);
        server.then(FakeBulkServer.holdThenStore(release));
        sink = start(options(server.uri()), recordingSleeper);
        List<String> order = Collections.synchronizedList(new ArrayList<>());

        CompletableFuture<Void> first = sink.publish(TestEvents.numbered("first", 2)).toCompletableFuture()
                .thenRun(() -> order.add("first"));
        await().atMost(WAIT).until(() -> server.requests.size() == 1);
        CompletableFuture<Void> second = sink.publish(TestEvents.numbered("second", 2)).toCompletableFuture()
                .thenRun(() -> order.add("second"));
        await().atMost(WAIT).until(() -> server.documentCount() == 2);

        assertThat(second).isNotDone();
        release.countDown();
        awaitDone(first);
        awaitDone(second);
        assertThat(order).containsExactly("first", "second");
    }

    @Test
    void aBatchBiggerThanMaxBulkBytesTravelsInSeveralRequests() {
        sink = start(options(server.uri()).withMaxBulkBytes(2000), recordingSleeper);

        awaitDone(sink.publish(TestEvents.numbered("s", 20)));

        assertThat(server.requests.size()).isGreaterThan(1);
        assertThat(server.requestBytes).allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(2000));
        assertThat(storedMessages()).isEqualTo(expectedMessages("s", 20));
    }

    @Test
    void a413AnswerSplitsTheRequestInHalves() {
        server.then(FakeBulkServer.status(413));
        sink = start(options(server.uri()), recordingSleeper);

        awaitDone(sink.publish(TestEvents.numbered("h", 4)));

        assertThat(server.requests).extracting(List::size).containsExactly(4, 2, 2);
        assertThat(storedMessages()).isEqualTo(expectedMessages("h", 4));
    }

    @Test
    void theSameEventsPublishedTwiceAreStoredOnce() {
        sink = start(options(server.uri()), recordingSleeper);

        awaitDone(sink.publish(TestEvents.numbered("x", 3)));
        awaitDone(sink.publish(TestEvents.numbered("x", 3)));

        assertThat(storedMessages()).isEqualTo(expectedMessages("x", 3));
        assertThat(sink.metrics().alreadyPresent()).isEqualTo(3);
    }

    @Test
    void sendsBasicCredentials() {
        sink = start(options(server.uri()).withCredentials("writer", "s3cret"), recordingSleeper);

        awaitDone(sink.publish(TestEvents.numbered("c", 1)));

        assertThat(server.authorizations).containsExactly("Basic d3JpdGVyOnMzY3JldA==");
        assertThat(sink.toString()).doesNotContain("s3cret");
    }

    @Test
    void publishBlocksWhileTheQueuedBatchesAreUnacknowledged() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < ElasticsearchSink.MAX_QUEUED_BATCHES; i++) {
            server.then(FakeBulkServer.holdThenStore(release));
        }
        sink = start(options(server.uri()), recordingSleeper);
        for (int i = 0; i < ElasticsearchSink.MAX_QUEUED_BATCHES; i++) {
            sink.publish(TestEvents.numbered("q" + i, 1));
        }

        CompletableFuture<CompletionStage<Void>> blocked = CompletableFuture.supplyAsync(() -> sink.publish(TestEvents.numbered("late", 1)));
        await().atMost(WAIT).until(() -> server.requests.size() == 2); // both senders are busy; two batches wait

        assertThat(blocked).isNotDone();
        release.countDown();
        awaitDone(blocked.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        assertThat(server.documentCount()).isEqualTo(ElasticsearchSink.MAX_QUEUED_BATCHES + 1);
    }

    @Test
    void aDeadLetterThatIsRefusedTooIsRetriedNotDropped() {
        server.then(FakeBulkServer.items(i -> true, 400, "mapper_parsing_exception"),
                FakeBulkServer.items(i -> true, 400, "mapper_parsing_exception"));
        sink = start(options(server.uri()), recordingSleeper);

        awaitDone(sink.publish(TestEvents.numbered("dd", 1)));

        assertThat(server.requests).hasSize(3);
        assertThat(server.index(INDEX)).isEmpty();
        assertThat(server.index(INDEX + "-deadletter")).hasSize(1);
        assertThat(sleeps).hasSize(1);
        assertThat(sink.metrics().deadLettered()).isEqualTo(1);
    }

    @Test
    void closingFailsWhatWasNotAcknowledged() {
        for (int i = 0; i < 1000; i++) {
            server.then(FakeBulkServer.status(503));
        }
        sink = start(options(server.uri()), Sleeper.REAL);

        CompletionStage<Void> stage = sink.publish(TestEvents.numbered("n", 2));
        await().atMost(WAIT).until(() -> server.requests.size() >= 2);
        sink.close();

        await().atMost(WAIT).until(() -> stage.toCompletableFuture().isDone());
        assertThatThrownBy(() -> stage.toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(SinkClosedException.class);
        assertThatThrownBy(() -> sink.publish(TestEvents.numbered("late", 1)).toCompletableFuture().join())
                .hasCauseInstanceOf(SinkClosedException.class);
    }
}
