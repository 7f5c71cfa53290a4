package org.mesoslogstash.executor.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.testsupport.TestEvents;

class ElasticsearchDocumentIdsTest {

    private final DocumentIds ids = new DocumentIds();

    private static LogEvent file(String path, long inode, long offset, String line, LogEvent.Split split, Instant readAt) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return new LogEvent(StreamKey.file(TestEvents.CONTAINER_ID, path), 3, TestEvents.METADATA, readAt, bytes, offset, split,
                new Position.InFile(inode, offset + bytes.length + 1));
    }

    private static LogEvent console(String stream, Instant at, long seen, long generation) {
        return new LogEvent(new StreamKey(TestEvents.CONTAINER_ID, stream), generation, TestEvents.METADATA, at,
                "x".getBytes(StandardCharsets.UTF_8), -1, null, new Position.InConsole(at, seen));
    }

    @Test
    void theSameLineReadAgainLaterHasTheSameId() {
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        Instant later = Instant.parse("2026-01-01T01:00:00Z");

        assertThat(ids.idOf(file("/a.log", 7, 100, "line", null, first)))
                .isEqualTo(ids.idOf(file("/a.log", 7, 100, "line", null, later)))
                .hasSize(22);
        Instant at = Instant.parse("2026-01-01T00:00:00.000000001Z");
        assertThat(ids.idOf(console("stdout", at, 2, 1))).isEqualTo(ids.idOf(console("stdout", at, 2, 5)));
    }

    @Test
    void anyPartOfThePositionMakesADifferentId() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        String base = ids.idOf(file("/a.log", 7, 100, "line", null, t));

        assertThat(ids.idOf(file("/b.log", 7, 100, "line", null, t))).isNotEqualTo(base);
        assertThat(ids.idOf(file("/a.log", 8, 100, "line", null, t))).as("rotated: another inode").isNotEqualTo(base);
        assertThat(ids.idOf(file("/a.log", 7, 101, "line", null, t))).isNotEqualTo(base);
        assertThat(ids.idOf(file("/a.log", 7, 100, "line", new LogEvent.Split(0, false), t))).isNotEqualTo(base);
        assertThat(ids.idOf(file("/a.log", 7, 100, "new line after copytruncate", null, t))).isNotEqualTo(base);

        Instant at = Instant.parse("2026-01-01T00:00:00.000000001Z");
        String stdout = ids.idOf(console("stdout", at, 1, 1));
        assertThat(ids.idOf(console("stderr", at, 1, 1))).isNotEqualTo(stdout);
        assertThat(ids.idOf(console("stdout", at, 2, 1))).as("second message at the same timestamp").isNotEqualTo(stdout);
        assertThat(ids.idOf(console("stdout", at.plusNanos(1), 1, 1))).isNotEqualTo(stdout);
    }

    @Test
    void idsAreUrlSafe() {
        for (int i = 0; i < 200; i++) {
            assertThat(ids.idOf(file("/a.log", 7, i, "l", null, Instant.EPOCH))).matches("[A-Za-z0-9_-]{22}");
        }
    }
}
