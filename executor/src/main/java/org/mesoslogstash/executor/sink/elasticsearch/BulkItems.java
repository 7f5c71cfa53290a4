package org.mesoslogstash.executor.sink.elasticsearch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.sink.EventJson;
import tools.jackson.core.JsonGenerator;

/**
 * One batch encoded for the {@code _bulk} API: for each event a {@code create} action line and the
 * document line, kept in one buffer with each item's place, so that any subset of the items (the
 * ones to retry) can be sent again without encoding anything twice. Immutable once built.
 */
final class BulkItems {

    private final byte[] buffer;
    /** Item i is buffer[starts[i], starts[i + 1]); its document starts at documentStarts[i]. */
    private final int[] starts;
    private final int[] documentStarts;
    private final String[] indexes;
    private final String[] ids;

    private BulkItems(byte[] buffer, int[] starts, int[] documentStarts, String[] indexes, String[] ids) {
        this.buffer = buffer;
        this.starts = starts;
        this.documentStarts = documentStarts;
        this.indexes = indexes;
        this.ids = ids;
    }

    /** Encodes {@code batch}; not thread-safe in {@code ids}, so call it with one {@link DocumentIds} per thread. */
    static BulkItems encode(List<LogEvent> batch, IndexPattern pattern, EventJson json, DocumentIds documentIds) {
        int n = batch.size();
        Buffer out = new Buffer((int) Math.min(1 << 24, n * 700L));
        int[] starts = new int[n + 1];
        int[] documentStarts = new int[n];
        String[] indexes = new String[n];
        String[] ids = new String[n];
        try (JsonGenerator g = json.newGenerator(out)) {
            for (int i = 0; i < n; i++) {
                LogEvent event = batch.get(i);
                indexes[i] = pattern.indexFor(event);
                ids[i] = documentIds.idOf(event);
                starts[i] = out.size();
                writeAction(g, indexes[i], ids[i]);
                g.flush();
                out.write('\n');
                documentStarts[i] = out.size();
                json.write(event, g);
                g.flush();
                out.write('\n');
            }
        }
        starts[n] = out.size();
        return new BulkItems(out.array(), starts, documentStarts, indexes, ids);
    }

    /**
     * Dead-letter items: each failed item's document as a string in {@code original}, with the
     * error, in {@code <index>-deadletter} under the same id (so a retried dead letter is not stored twice).
     */
    static BulkItems deadLetters(List<DeadLetter> letters, EventJson json) {
        int n = letters.size();
        Buffer out = new Buffer(1024 * n);
        int[] starts = new int[n + 1];
        int[] documentStarts = new int[n];
        String[] indexes = new String[n];
        String[] ids = new String[n];
        try (JsonGenerator g = json.newGenerator(out)) {
            for (int i = 0; i < n; i++) {
                DeadLetter letter = letters.get(i);
                indexes[i] = letter.index() + ElasticsearchSink.DEAD_LETTER_SUFFIX;
                ids[i] = letter.id();
                starts[i] = out.size();
                writeAction(g, indexes[i], ids[i]);
                g.flush();
                out.write('\n');
                documentStarts[i] = out.size();
                g.writeStartObject();
                g.writeStringProperty("@timestamp", letter.failedAt());
                g.writeStringProperty("original", letter.document());
                g.writeStringProperty("original_index", letter.index());
                g.writeName("error");
                g.writeStartObject();
                g.writeNumberProperty("status", letter.status());
                g.writeStringProperty("type", letter.errorType());
                g.writeStringProperty("reason", letter.reason());
                g.writeEndObject();
                g.writeEndObject();
                g.flush();
                out.write('\n');
            }
        }
        starts[n] = out.size();
        return new BulkItems(out.array(), starts, documentStarts, indexes, ids);
    }

    private static void writeAction(JsonGenerator g, String index, String id) {
        g.writeStartObject();
        g.writeName("create");
        g.writeStartObject();
        g.writeStringProperty("_index", index);
        g.writeStringProperty("_id", id);
        g.writeEndObject();
        g.writeEndObject();
    }

    int size() {
        return ids.length;
    }

    int bytes(int item) {
        return starts[item + 1] - starts[item];
    }

    String index(int item) {
        return indexes[item];
    }

    String id(int item) {
        return ids[item];
    }

    /** The document of {@code item} as JSON text (for a dead letter). */
    String document(int item) {
        // Without the line's '\n'.
        return new String(buffer, documentStarts[item], starts[item + 1] - documentStarts[item] - 1, StandardCharsets.UTF_8);
    }

    /**
     * Splits the items {@code [0, size())} into consecutive groups of at most {@code maxBytes} each
     * (an item larger than that travels alone).
     */
    List<int[]> chunks(int maxBytes) {
        List<int[]> chunks = new ArrayList<>();
        int from = 0;
        while (from < size()) {
            int to = from + 1;
            long bytes = bytes(from);
            while (to < size() && bytes + bytes(to) <= maxBytes) {
                bytes += bytes(to);
                to++;
            }
            int[] chunk = new int[to - from];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = from + i;
            }
            chunks.add(chunk);
            from = to;
        }
        return chunks;
    }

    /** The request body for {@code items}: one copy, or none when they are consecutive. */
    Body body(int[] items) {
        boolean consecutive = true;
        for (int i = 1; i < items.length && consecutive; i++) {
            consecutive = items[i] == items[i - 1] + 1;
        }
        if (consecutive) {
            int start = starts[items[0]];
            return new Body(buffer, start, starts[items[items.length - 1] + 1] - start);
        }
        int total = 0;
        for (int item : items) {
            total += bytes(item);
        }
        byte[] copy = new byte[total];
        int at = 0;
        for (int item : items) {
            System.arraycopy(buffer, starts[item], copy, at, bytes(item));
            at += bytes(item);
        }
        return new Body(copy, 0, total);
    }

    /** A slice of bytes to send. */
    record Body(byte[] bytes, int offset, int length) {
    }

    /** A document that Elasticsearch refused for good, on its way to the dead-letter index. */
    record DeadLetter(String index, String id, String document, int status, String errorType, String reason, String failedAt) {
    }

    /** Hands its array over without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int initialSize) {
            super(Math.max(initialSize, 64));
        }

        byte[] array() {
            return buf;
        }
    }
}
