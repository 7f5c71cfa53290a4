package org.mesoslogstash.executor.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;

/** Log events for sink tests. */
public final class TestEvents {

    public static final String CONTAINER_ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    public static final SourceMetadata METADATA = new SourceMetadata(CONTAINER_ID, "web-1", "nginx:1.27",
            Map.of("com.example.team", "payments", "tier", "front"), "agent-7.example.com",
            "web.1234", "framework-5", "/web");
    public static final SourceMetadata BARE_METADATA = new SourceMetadata(CONTAINER_ID, "web-1", "nginx:1.27",
            Map.of(), "agent-7.example.com", null, null, null);

    private TestEvents() {
    }

    public static LogEvent fileLine(String text, long offset) {
        return fileLine(text.getBytes(StandardCharsets.UTF_8), offset);
    }

    public static LogEvent fileLine(byte[] line, long offset) {
        return new LogEvent(StreamKey.file(CONTAINER_ID, "/var/log/app.log"), 1, METADATA,
                Instant.parse("2026-01-02T03:04:05.123Z"), line, offset, null,
                new Position.InFile(77, offset + line.length + 1));
    }

    public static LogEvent stdoutLine(String text) {
        Instant at = Instant.parse("2026-01-02T03:04:05.123456789Z");
        return new LogEvent(StreamKey.stdout(CONTAINER_ID), 1, METADATA, at,
                text.getBytes(StandardCharsets.UTF_8), -1, null, new Position.InConsole(at, 1));
    }

    /** {@code count} file events whose messages are "prefix-0", "prefix-1", ... */
    public static List<LogEvent> numbered(String prefix, int count) {
        List<LogEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(fileLine(prefix + "-" + i, i * 100L));
        }
        return events;
    }
}
