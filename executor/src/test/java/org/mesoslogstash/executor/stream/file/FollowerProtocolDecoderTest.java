package org.mesoslogstash.executor.stream.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowerProtocolDecoderTest {

    private static final byte[] DATA = {'a', '\n', (byte) 0xff, 0, 'D', ' ', '3', '\n', 'z', '\n'};

    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("S 1 42\nO 1234 10\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(("D " + DATA.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(DATA);
        out.writeBytes("X 7\nT 3\nO 1234 0\nL 5000000000\nD 0\nR 99\nW something odd\nM\nE no such thing\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static final class Recording implements FollowerProtocolDecoder.Handler {
        final List<Object> seen = new ArrayList<>();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();

        @Override
        public void record(FollowerRecord record) {
            seen.add(record);
        }

        @Override
        public void data(byte[] buffer, int offset, int length) {
            data.write(buffer, offset, length);
        }
    }

    @Test
    void decodesTheSameWhateverTheChunkSize() throws Exception {
        byte[] stream = stream();
        for (int chunk = 1; chunk <= 64; chunk++) {
            Recording recording = new Recording();
            FollowerProtocolDecoder decoder = new FollowerProtocolDecoder(recording);
            for (int at = 0; at < stream.length; at += chunk) {
                decoder.feed(stream, at, Math.min(chunk, stream.length - at));
            }
            assertThat(decoder.atRecordBoundary()).as("chunk %d", chunk).isTrue();
            assertThat(recording.seen).as("chunk %d", chunk).containsExactly(
                    new FollowerRecord.Started(1, 42),
                    new FollowerRecord.Opened(1234, 10),
                    new FollowerRecord.Data(DATA.length),
                    new FollowerRecord.ShortRead(7),
                    new FollowerRecord.Truncated(3),
                    new FollowerRecord.Opened(1234, 0),
                    new FollowerRecord.SizeSeen(5_000_000_000L),
                    new FollowerRecord.Data(0),
                    new FollowerRecord.Rotated(99),
                    new FollowerRecord.Warning("something odd"),
                    new FollowerRecord.Missing(),
                    new FollowerRecord.Failed("no such thing"));
            assertThat(recording.data.toByteArray()).as("chunk %d", chunk).isEqualTo(DATA);
        }
    }

    @Test
    void isMidRecordWhileDataIsIncomplete() throws Exception {
        FollowerProtocolDecoder decoder = new FollowerProtocolDecoder(new Recording());
        byte[] partial = "D 5\nab".getBytes(StandardCharsets.US_ASCII);
        decoder.feed(partial, 0, partial.length);
        assertThat(decoder.atRecordBoundary()).isFalse();
    }

    @Test
    void rejectsWhatIsNotTheProtocol() {
        FollowerProtocolDecoder decoder = new FollowerProtocolDecoder(new Recording());
        byte[] text = "OCI runtime exec failed: exec: \"sh\": executable file not found\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> decoder.feed(text, 0, text.length))
                .isInstanceOf(FollowerProtocolException.class)
                .hasMessageContaining("OCI runtime exec failed");
    }

    @Test
    void aSizeSeenIsOneNonNegativeNumber() throws Exception {
        assertThat(FollowerProtocolDecoder.parse("L 0")).isEqualTo(new FollowerRecord.SizeSeen(0));
        assertThatThrownBy(() -> FollowerProtocolDecoder.parse("L -1")).isInstanceOf(FollowerProtocolException.class);
        assertThatThrownBy(() -> FollowerProtocolDecoder.parse("L")).isInstanceOf(FollowerProtocolException.class);
        assertThatThrownBy(() -> FollowerProtocolDecoder.parse("L 1 2")).isInstanceOf(FollowerProtocolException.class);
        assertThatThrownBy(() -> FollowerProtocolDecoder.parse("L big")).isInstanceOf(FollowerProtocolException.class);
    }

    @Test
    void rejectsNegativeLengthsAndEndlessHeaders() {
        assertThatThrownBy(() -> FollowerProtocolDecoder.parse("D -1")).isInstanceOf(FollowerProtocolException.class);
        assertThatThrownBy(() -> FollowerProtocolDecoder.parse("O 1")).isInstanceOf(FollowerProtocolException.class);
        FollowerProtocolDecoder decoder = new FollowerProtocolDecoder(new Recording());
        byte[] endless = new byte[FollowerProtocolDecoder.MAX_HEADER_BYTES + 1];
        java.util.Arrays.fill(endless, (byte) 'W');
        assertThatThrownBy(() -> decoder.feed(endless, 0, endless.length)).hasMessageContaining("longer than");
    }
}
