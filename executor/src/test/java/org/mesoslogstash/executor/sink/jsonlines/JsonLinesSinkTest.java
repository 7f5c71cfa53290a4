package org.mesoslogstash.executor.sink.jsonlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.executor.sink.EventJson;
import org.mesoslogstash.executor.sink.SinkClosedException;
import org.mesoslogstash.executor.testsupport.TestEvents;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.retry.Sleeper;
import tools.jackson.databind.json.JsonMapper;

class JsonLinesSinkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path dir;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final Sleeper recordingSleeper = sleeps::add;
    private JsonLinesSink sink;

    @AfterEach
    void close() {
        if (sink != null) {
            sink.close();
        }
    }

    private static void awaitDone(CompletionStage<Void> stage) {
        await().atMost(WAIT).until(() -> stage.toCompletableFuture().isDone());
        stage.toCompletableFuture().join();
    }

    private static List<String> messages(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(line -> MAPPER.readTree(line).get("message").asString()).toList();
    }

    @Test
    void writesOneDocumentPerLineAndAppendsToWhatIsThere() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, "{\"message\":\"earlier\"}\n");
        sink = JsonLinesSink.toFile(file, EventJson.forJsonLines(), BACKOFF, recordingSleeper);

        awaitDone(sink.publish(TestEvents.numbered("a", 3)));
        awaitDone(sink.publish(List.of(TestEvents.stdoutLine("with\nnewline"))));

        assertThat(messages(file)).containsExactly("earlier", "a-0", "a-1", "a-2", "with\nnewline");
        assertThat(Files.readString(file)).doesNotContain("@metadata");
    }

    @Test
    void writesToAStreamAndLeavesItOpen() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sink = JsonLinesSink.toStream(out, "stdout", EventJson.forJsonLines());

        awaitDone(sink.publish(TestEvents.numbered("s", 2)));
        sink.close();

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(MAPPER.readTree(lines[1]).get("message").asString()).isEqualTo("s-1");
    }

    @Test
    void failedWritesAreRetriedWithBackoffAndLeaveNoHalfLines() throws Exception {
        Path file = dir.resolve("full.jsonl");
        AtomicInteger failuresLeft = new AtomicInteger(2);
        sink = JsonLinesSink.toFile(file, EventJson.forJsonLines(), BACKOFF, recordingSleeper,
                failing(failuresLeft));

        awaitDone(sink.publish(TestEvents.numbered("f", 5)));

        assertThat(messages(file)).containsExactly("f-0", "f-1", "f-2", "f-3", "f-4");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void batchesAreAcknowledgedInPublishOrder() {
        sink = JsonLinesSink.toFile(dir.resolve("o.jsonl"), EventJson.forJsonLines(), BACKOFF, recordingSleeper);
        List<Integer> done = Collections.synchronizedList(new ArrayList<>());
        List<CompletionStage<Void>> stages = new ArrayList<>();

        for (int i = 0; i < 10; i++) {
            int batch = i;
            stages.add(sink.publish(TestEvents.numbered("o" + i, 3)).thenRun(() -> done.add(batch)));
        }

        stages.forEach(JsonLinesSinkTest::awaitDone);
        assertThat(done).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void closeWhileRetryingFailsTheBatchWithItsCount() {
        CountDownLatch retrying = new CountDownLatch(1);
        Sleeper blockingSleeper = duration -> {
            retrying.countDown();
            Thread.sleep(Duration.ofMinutes(1));
        };
        sink = JsonLinesSink.toFile(dir.resolve("never.jsonl"), EventJson.forJsonLines(), BACKOFF, blockingSleeper,
                failing(new AtomicInteger(Integer.MAX_VALUE)));
        CompletionStage<Void> stage = sink.publish(TestEvents.numbered("n", 3));
        await().atMost(WAIT).until(() -> retrying.getCount() == 0);

        sink.close();

        assertThat(stage.toCompletableFuture()).isCompletedExceptionally();
        try {
            stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(SinkClosedException.class).hasMessageContaining("3 events");
        }
    }

    /** A real file whose writes fail (after writing half, like a disk filling up) while {@code failuresLeft} > 0. */
    private static LineTarget.Opener failing(AtomicInteger failuresLeft) {
        return file -> {
            LineTarget.AppendableFile real = LineTarget.Opener.REAL.open(file);
            return new LineTarget.AppendableFile() {
                @Override
                public long size() throws IOException {
                    return real.size();
                }

                @Override
                public void write(ByteBuffer bytes) throws IOException {
                    if (failuresLeft.getAndDecrement() > 0) {
                        ByteBuffer half = bytes.duplicate();
                        half.limit(bytes.position() + bytes.remaining() / 2);
                        real.write(half);
                        throw new IOException("No space left on device");
                    }
                    real.write(bytes);
                }

                @Override
                public void force() throws IOException {
                    real.force();
                }

                @Override
                public void truncate(long size) throws IOException {
                    real.truncate(size);
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        };
    }
}
