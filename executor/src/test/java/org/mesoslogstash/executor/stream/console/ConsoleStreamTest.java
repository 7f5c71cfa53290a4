package org.mesoslogstash.executor.stream.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.stream.CollectingPublisher;
import org.mesoslogstash.executor.stream.StreamFailure;
import org.mesoslogstash.executor.stream.StreamRun;

class ConsoleStreamTest {

    private static final StreamKey KEY = StreamKey.stdout("c1");
    private static final SourceMetadata SOURCE = new SourceMetadata("c1", "app", "img", Map.of(), "host", null, null, null);
    private static final String T1 = "2026-01-01T00:00:01.000000001Z";
    private static final String T2 = "2026-01-01T00:00:02.000000002Z";

    /** Docker's side: a fixed list of messages; remembers the {@code since} it was asked for. */
    private static final class FakeLogs implements ConsoleLogs {
        final List<String> messages;
        final List<Instant> sinces = new ArrayList<>();

        FakeLogs(String... messages) {
            this.messages = List.of(messages);
        }

        @Override
        public Messages follow(String containerId, String source, Instant since) {
            sinces.add(since);
            Deque<String> left = new ArrayDeque<>(messages.stream()
                    .filter(m -> !Instant.parse(m.substring(0, m.indexOf(' '))).isBefore(since)).toList());
            return new Messages() {
                @Override
                public byte[] next() {
                    String next = left.poll();
                    return next == null ? null : next.getBytes(StandardCharsets.UTF_8);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private final CollectingPublisher publisher = new CollectingPublisher();

    private StreamFailure readToTheEnd(FakeLogs logs, int maxLineBytes, Optional<Position> from) {
        StreamRun run = new StreamRun(KEY, 3, SOURCE, from);
        ConsoleStream stream = new ConsoleStream(logs, publisher, maxLineBytes);
        try {
            stream.read(run);
        } catch (StreamFailure e) {
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the stream should end when the logs end");
    }

    @Test
    void publishesMessagesWithDockersTimestampsAndCountsThoseSharingOne() {
        FakeLogs logs = new FakeLogs(T1 + " a\n", T1 + " b\n", T2 + " c\n");
        StreamFailure end = readToTheEnd(logs, 100, Optional.empty());
        assertThat(end.kind()).isEqualTo(StreamFailure.Kind.CONTAINER_GONE);
        assertThat(publisher.lines()).containsExactly("a", "b", "c");
        assertThat(publisher.events()).extracting(LogEvent::resumeAfter).containsExactly(
                new Position.InConsole(Instant.parse(T1), 1), new Position.InConsole(Instant.parse(T1), 2),
                new Position.InConsole(Instant.parse(T2), 1));
        assertThat(publisher.events()).extracting(LogEvent::timestamp).containsExactly(Instant.parse(T1), Instant.parse(T1), Instant.parse(T2));
        assertThat(publisher.events()).allSatisfy(e -> {
            assertThat(e.offset()).isEqualTo(-1);
            assertThat(e.generation()).isEqualTo(3);
        });
        assertThat(logs.sinces).containsExactly(Instant.EPOCH);
    }

    @Test
    void resumesBetweenMessagesSharingATimestampWithoutLossOrRepetition() {
        FakeLogs logs = new FakeLogs(T1 + " a\n", T1 + " b\n", T1 + " c\n", T2 + " d\n");
        readToTheEnd(logs, 100, Optional.of(new Position.InConsole(Instant.parse(T1), 2)));
        assertThat(publisher.lines()).containsExactly("c", "d");
        assertThat(publisher.events().get(0).resumeAfter()).isEqualTo(new Position.InConsole(Instant.parse(T1), 3));
        assertThat(logs.sinces).containsExactly(Instant.parse(T1));
    }

    @Test
    void joinsTheFlagsOfDockerCutPiecesIntoOneLine() {
        FakeLogs logs = new FakeLogs(T1 + " first piece,", T1 + " second piece,", T2 + " end\n", T2 + " next\n");
        readToTheEnd(logs, 100, Optional.empty());
        assertThat(publisher.lines()).containsExactly("first piece,", "second piece,", "end", "next");
        assertThat(publisher.events()).extracting(LogEvent::split).containsExactly(
                new LogEvent.Split(0, false), new LogEvent.Split(1, false), new LogEvent.Split(2, true), null);
    }

    @Test
    void splitsMessagesLongerThanTheLimitAndMovesThePositionOnlyAfterTheLastPart() {
        FakeLogs logs = new FakeLogs(T1 + " ok\n", T2 + " 0123456789\n");
        readToTheEnd(logs, 4, Optional.empty());
        assertThat(publisher.lines()).containsExactly("ok", "0123", "4567", "89");
        assertThat(publisher.events()).extracting(LogEvent::split).containsExactly(
                null, new LogEvent.Split(0, false), new LogEvent.Split(1, false), new LogEvent.Split(2, true));
        Position afterOk = new Position.InConsole(Instant.parse(T1), 1);
        assertThat(publisher.events()).extracting(LogEvent::resumeAfter).containsExactly(
                afterOk, afterOk, afterOk, new Position.InConsole(Instant.parse(T2), 1));
    }

    @Test
    void keepsEmptyLines() {
        readToTheEnd(new FakeLogs(T1 + " \n", T1 + " x\n"), 100, Optional.empty());
        assertThat(publisher.lines()).containsExactly("", "x");
    }

    @Test
    void refusesAFilePosition() {
        StreamRun run = new StreamRun(KEY, 1, SOURCE, Optional.of(new Position.InFile(1, 0)));
        assertThatThrownBy(() -> new ConsoleStream(new FakeLogs(), publisher, 10).read(run)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesTheTimestampPrefix() {
        ConsoleMessageParser.ConsoleMessage message = ConsoleMessageParser.parse((T2 + " h\u00e9 \n").getBytes(StandardCharsets.UTF_8));
        assertThat(message.timestamp()).isEqualTo(Instant.parse(T2));
        assertThat(new String(message.line(), StandardCharsets.UTF_8)).isEqualTo("h\u00e9 ");
        assertThat(message.partial()).isFalse();
        assertThatThrownBy(() -> ConsoleMessageParser.parse("no timestamp here".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("bad timestamp");
    }
}
