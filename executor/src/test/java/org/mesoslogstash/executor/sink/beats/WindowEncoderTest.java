package org.mesoslogstash.executor.sink.beats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.sink.EventJson;
import org.mesoslogstash.executor.testsupport.TestEvents;

/** The byte layout of PROTOCOL.md (logstash-input-beats): version '2', type, big-endian 32-bit integers. */
class WindowEncoderTest {

    private final EventJson json = EventJson.forBeats();
    private final List<LogEvent> batch = TestEvents.numbered("line", 3);

    @Test
    void uncompressedWindowIsWindowFrameThenJsonFramesNumberedFromOne() {
        ByteBuffer frames = ByteBuffer.wrap(new WindowEncoder(json, 0).encode(batch).toByteArray());

        assertThat(frames.get()).isEqualTo((byte) '2');
        assertThat(frames.get()).isEqualTo((byte) 'W');
        assertThat(frames.getInt()).isEqualTo(3);
        for (int sequence = 1; sequence <= 3; sequence++) {
            assertThat(frames.get()).isEqualTo((byte) '2');
            assertThat(frames.get()).isEqualTo((byte) 'J');
            assertThat(frames.getInt()).isEqualTo(sequence);
            byte[] document = new byte[frames.getInt()];
            frames.get(document);
            assertThat(document).isEqualTo(json.toBytes(batch.get(sequence - 1)));
        }
        assertThat(frames.hasRemaining()).isFalse();
    }

    @Test
    void compressedWindowWrapsTheSameJsonFramesInOneZlibFrame() throws Exception {
        byte[] plain = new WindowEncoder(json, 0).encode(batch).toByteArray();
        ByteBuffer frames = ByteBuffer.wrap(new WindowEncoder(json, 3).encode(batch).toByteArray());

        assertThat(frames.get()).isEqualTo((byte) '2');
        assertThat(frames.get()).isEqualTo((byte) 'W');
        assertThat(frames.getInt()).isEqualTo(3);
        assertThat(frames.get()).isEqualTo((byte) '2');
        assertThat(frames.get()).isEqualTo((byte) 'C');
        int length = frames.getInt();
        assertThat(frames.remaining()).isEqualTo(length);
        byte[] compressed = new byte[length];
        frames.get(compressed);

        Inflater inflater = new Inflater(); // zlib header expected, as Logstash's Inflater requires
        inflater.setInput(compressed);
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024];
        while (!inflater.finished()) {
            inflated.write(chunk, 0, inflater.inflate(chunk));
        }
        inflater.end();
        assertThat(inflated.toByteArray()).isEqualTo(Arrays.copyOfRange(plain, 6, plain.length));
    }

    @Test
    void largeBatchesGrowTheBuffersWithoutLoss() throws Exception {
        List<LogEvent> large = TestEvents.numbered("x".repeat(5000), 2000);
        byte[] plain = new WindowEncoder(json, 0).encode(large).toByteArray();
        byte[] compressed = new WindowEncoder(json, 1).encode(large).toByteArray();

        Inflater inflater = new Inflater();
        inflater.setInput(compressed, 12, compressed.length - 12);
        byte[] inflated = new byte[plain.length - 6];
        int size = 0;
        while (!inflater.finished()) {
            size += inflater.inflate(inflated, size, inflated.length - size);
        }
        assertThat(size).isEqualTo(plain.length - 6);
        assertThat(inflated).isEqualTo(Arrays.copyOfRange(plain, 6, plain.length));
    }
}
