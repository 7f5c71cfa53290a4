package org.mesoslogstash.executor.multiline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.Routing;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.multiline.MultilineSettings.Match;
import org.mesoslogstash.executor.testsupport.TestEvents;

class MultilineJoinerTest {

    private static final StreamKey FILE = StreamKey.file(TestEvents.CONTAINER_ID, "/var/log/app.log");
    private static final Routing ROUTING = new Routing(List.of("app"), List.of("app-log"));

    private static final List<String> STACK_TRACE_LOG = List.of(
            "2026-11-29 12:00:00.001 INFO  starting",
            "2026-11-29 12:00:00.123 ERROR request failed",
            "java.lang.IllegalStateException: no connection",
            "\tat com.example.db.Pool.take(Pool.java:42)",
            "\tat com.example.web.Handler.handle(Handler.java:17)",
            "Caused by: java.net.ConnectException: Connection refused",
            "\tat java.base/sun.nio.ch.Net.connect0(Native Method)",
            "\t... 2 more",
            "2026-11-29 12:00:01.000 INFO  retrying");

    /** The lines of {@code texts} as a file stream reads them: offsets, and resume positions after each line. */
    private static List<LogEvent> lines(List<String> texts) {
        List<LogEvent> events = new ArrayList<>();
        long offset = 0;
        for (String text : texts) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            events.add(new LogEvent(FILE, 1, TestEvents.METADATA, Instant.parse("2026-11-29T12:00:00Z").plusMillis(offset), bytes,
                    offset, null, new Position.InFile(7, offset + bytes.length + 1), ROUTING));
            offset += bytes.length + 1;
        }
        return events;
    }

    private static List<LogEvent> joinAll(MultilineJoiner joiner, List<LogEvent> lines) {
        List<LogEvent> out = new ArrayList<>();
        lines.forEach(line -> out.addAll(joiner.add(line)));
        out.addAll(joiner.flush());
        return out;
    }

    private static String text(LogEvent event) {
        return new String(event.line(), StandardCharsets.UTF_8);
    }

    private static MultilineSettings settings(String pattern, boolean negate, Match match) {
        return new MultilineSettings(Pattern.compile(pattern), negate, match, 500, 1 << 20, Duration.ofSeconds(5));
    }

    @Test
    void aJavaStackTraceBecomesOneEventWhenEveryLineNotStartingWithADateContinuesTheOneBefore() {
        List<LogEvent> lines = lines(STACK_TRACE_LOG);

        List<LogEvent> events = joinAll(new MultilineJoiner(settings("^\\d{4}-\\d{2}-\\d{2} ", true, Match.AFTER)), lines);

        assertThat(events).extracting(MultilineJoinerTest::text).containsExactly(
                STACK_TRACE_LOG.get(0),
                String.join("\n", STACK_TRACE_LOG.subList(1, 8)),
                STACK_TRACE_LOG.get(8));
        LogEvent trace = events.get(1);
        assertThat(trace.offset()).as("the first line's offset").isEqualTo(lines.get(1).offset());
        assertThat(trace.timestamp()).isEqualTo(lines.get(1).timestamp());
        assertThat(trace.resumeAfter()).as("resumes after the last line").isEqualTo(lines.get(7).resumeAfter());
        assertThat(trace.split()).isNull();
        assertThat(trace.routing()).isSameAs(ROUTING);
        assertThat(trace.generation()).isEqualTo(1);
    }

    @Test
    void filebeatsJavaExampleJoinsIndentedFramesAndCausesToTheLineBefore() {
        List<LogEvent> events = joinAll(new MultilineJoiner(settings("^\\s+(at|\\.{3})\\s|^Caused by:", false, Match.AFTER)),
                lines(STACK_TRACE_LOG));

        assertThat(events).extracting(MultilineJoinerTest::text).containsExactly(
                STACK_TRACE_LOG.get(0),
                STACK_TRACE_LOG.get(1),
                String.join("\n", STACK_TRACE_LOG.subList(2, 8)),
                STACK_TRACE_LOG.get(8));
    }

    @Test
    void aSingleLineMessageIsTheLineItself() {
        LogEvent line = lines(List.of("2026-11-29 12:00:00.001 INFO  alone")).getFirst();
        MultilineJoiner joiner = new MultilineJoiner(settings("^\\s", false, Match.AFTER));

        assertThat(joiner.add(line)).isEmpty();
        assertThat(joiner.flush()).singleElement().isSameAs(line);
        assertThat(joiner.hasPending()).isFalse();
    }

    @Test
    void matchBeforeJoinsALineEndingInABackslashWithTheNextOne() {
        List<LogEvent> events = joinAll(new MultilineJoiner(settings("\\\\$", false, Match.BEFORE)),
                lines(List.of("echo one \\", "  two \\", "  three", "echo four")));

        assertThat(events).extracting(MultilineJoinerTest::text).containsExactly("echo one \\\n  two \\\n  three", "echo four");
    }

    @Test
    void negatedMatchBeforePrependsLinesToTheNextLineThatMatches() {
        List<LogEvent> events = joinAll(new MultilineJoiner(settings(";$", true, Match.BEFORE)),
                lines(List.of("SELECT *", "FROM t", "WHERE x;", "COMMIT;")));

        assertThat(events).extracting(MultilineJoinerTest::text).containsExactly("SELECT *\nFROM t\nWHERE x;", "COMMIT;");
    }

    @Test
    void aMessageBeyondMaxLinesLeavesInPartsAndNoLineIsLost() {
        MultilineSettings threeLines = new MultilineSettings(Pattern.compile("^\\s"), false, Match.AFTER, 3, 1 << 20, Duration.ofSeconds(5));
        List<LogEvent> lines = lines(List.of("head", " 1", " 2", " 3", " 4", " 5", " 6", "next"));

        List<LogEvent> events = joinAll(new MultilineJoiner(threeLines), lines);

        assertThat(events).extracting(MultilineJoinerTest::text).containsExactly("head\n 1\n 2", " 3\n 4\n 5", " 6", "next");
        assertThat(events).extracting(LogEvent::split).containsExactly(
                new LogEvent.Split(0, false), new LogEvent.Split(1, false), new LogEvent.Split(2, true), null);
        assertThat(events.get(1).offset()).isEqualTo(lines.get(3).offset());
        assertThat(events.get(2).resumeAfter()).isEqualTo(lines.get(6).resumeAfter());
    }

    @Test
    void aMessageBeyondMaxBytesLeavesInPartsCutAtLineBoundaries() {
        MultilineSettings tenBytes = new MultilineSettings(Pattern.compile("^\\s"), false, Match.AFTER, 500, 10, Duration.ofSeconds(5));

        List<LogEvent> events = joinAll(new MultilineJoiner(tenBytes), lines(List.of("abcd", " efg", " hij", " k")));

        // "abcd\n efg" is 9 bytes; with "\n hij" it would be 14.
        assertThat(events).extracting(MultilineJoinerTest::text).containsExactly("abcd\n efg", " hij\n k");
        assertThat(events).allSatisfy(event -> assertThat(event.line().length).isLessThanOrEqualTo(10));
        assertThat(events.getLast().split()).isEqualTo(new LogEvent.Split(1, true));
    }

    @Test
    void aPartOfAnOverlongLineEndsTheMessageAndPassesUnchanged() {
        List<LogEvent> lines = lines(List.of("head", " more", "xxxx"));
        LogEvent longPart = new LogEvent(FILE, 1, TestEvents.METADATA, lines.get(2).timestamp(), "xxxx".getBytes(StandardCharsets.UTF_8),
                lines.get(2).offset(), new LogEvent.Split(0, false), lines.get(2).resumeAfter(), ROUTING);
        MultilineJoiner joiner = new MultilineJoiner(settings("^\\s", false, Match.AFTER));
        joiner.add(lines.get(0));
        joiner.add(lines.get(1));

        List<LogEvent> out = joiner.add(longPart);

        assertThat(out).extracting(MultilineJoinerTest::text).containsExactly("head\n more", "xxxx");
        assertThat(out.get(1)).isSameAs(longPart);
        assertThat(joiner.hasPending()).isFalse();
    }

    @Test
    void aLineOfANewerGenerationEndsTheMessageOfTheOlderOne() {
        List<LogEvent> lines = lines(List.of("head", " more"));
        LogEvent restarted = new LogEvent(FILE, 2, TestEvents.METADATA, lines.get(1).timestamp(), lines.get(1).line(),
                lines.get(1).offset(), null, lines.get(1).resumeAfter(), ROUTING);
        MultilineJoiner joiner = new MultilineJoiner(settings("^\\s", false, Match.AFTER));
        joiner.add(lines.get(0));

        assertThat(joiner.add(restarted)).extracting(MultilineJoinerTest::text).containsExactly("head");
        assertThat(joiner.flush()).singleElement().isSameAs(restarted);
    }
}
