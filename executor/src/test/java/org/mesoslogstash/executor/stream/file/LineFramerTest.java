package org.mesoslogstash.executor.stream.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.event.LogEvent.Split;

class LineFramerTest {

    record Line(String text, long offset, Split split, long after) {
    }

    private final List<Line> lines = new ArrayList<>();

    private LineFramer framer(int max) {
        return new LineFramer(max, (line, offset, split, after) ->
                lines.add(new Line(new String(line, StandardCharsets.ISO_8859_1), offset, split, after)));
    }

    private static void feed(LineFramer framer, String text, int chunk) throws InterruptedException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int at = 0; at < bytes.length; at += chunk) {
            framer.accept(bytes, at, Math.min(chunk, bytes.length - at));
        }
    }

    @Test
    void cutsLinesWithOffsetsWhateverTheChunking() throws InterruptedException {
        for (int chunk = 1; chunk <= 16; chunk++) {
            lines.clear();
            LineFramer framer = framer(100);
            framer.reset(1000);
            feed(framer, "ab\n\ncde\nf", chunk);
            assertThat(lines).as("chunk %d", chunk).containsExactly(
                    new Line("ab", 1000, null, 1003),
                    new Line("", 1003, null, 1004),
                    new Line("cde", 1004, null, 1008));
            assertThat(framer.pendingBytes()).isEqualTo(1);
            assertThat(framer.offset()).isEqualTo(1009);
        }
    }

    @Test
    void splitsLongLinesIntoFlaggedParts() throws InterruptedException {
        for (int chunk = 1; chunk <= 16; chunk++) {
            lines.clear();
            LineFramer framer = framer(4);
            feed(framer, "0123456789\nabcd\nxy\n", chunk);
            assertThat(lines).as("chunk %d", chunk).containsExactly(
                    new Line("0123", 0, new Split(0, false), 4),
                    new Line("4567", 4, new Split(1, false), 8),
                    new Line("89", 8, new Split(2, true), 11),
                    new Line("abcd", 11, null, 16),
                    new Line("xy", 16, null, 19));
        }
    }

    @Test
    void aLineOfExactlyTheLimitIsWhole() throws InterruptedException {
        LineFramer framer = framer(4);
        feed(framer, "abcd", 4);
        feed(framer, "\n", 1);
        assertThat(lines).containsExactly(new Line("abcd", 0, null, 5));
    }

    @Test
    void keepsBytesThatAreNotUtf8() throws InterruptedException {
        LineFramer framer = framer(100);
        framer.accept(new byte[] {(byte) 0xff, (byte) 0xfe, 0, '\n'}, 0, 4);
        assertThat(lines).containsExactly(new Line("\u00ff\u00fe\u0000", 0, null, 4));
    }

    @Test
    void flushPassesOnAnUnterminatedLastLine() throws InterruptedException {
        LineFramer framer = framer(100);
        feed(framer, "a\nbc", 1);
        framer.flushPending();
        framer.flushPending();
        assertThat(lines).containsExactly(new Line("a", 0, null, 2), new Line("bc", 2, null, 4));
    }

    @Test
    void dropLastTakesBackPadding() throws InterruptedException {
        LineFramer framer = framer(100);
        feed(framer, "a\nbc\0\0\0", 7);
        framer.dropLast(3);
        framer.flushPending();
        assertThat(lines).containsExactly(new Line("a", 0, null, 2), new Line("bc", 2, null, 4));
        assertThat(framer.offset()).isEqualTo(4);
    }
}
