package org.mesoslogstash.mesos.recordio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordIoDecoderTest {

    private final List<String> records = new ArrayList<>();

    private RecordIoDecoder decoder(int max) {
        return new RecordIoDecoder(max, r -> records.add(new String(r, UTF_8)));
    }

    private static byte[] stream(String... recs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String r : recs) {
            out.writeBytes(RecordIo.frame(r.getBytes(UTF_8)));
        }
        return out.toByteArray();
    }

    @Test
    void decodesTheSameRecordsWhateverTheChunkSize() {
        String[] expected = {"{\"type\":\"SUBSCRIBED\"}", "", "x", "line\nfeed inside", "ü-multibyte", "9".repeat(300)};
        byte[] bytes = stream(expected);
        for (int chunk = 1; chunk <= 64; chunk++) {
            records.clear();
            RecordIoDecoder decoder = decoder(1024);
            for (int i = 0; i < bytes.length; i += chunk) {
                decoder.decode(bytes, i, Math.min(chunk, bytes.length - i));
            }
            assertThat(records).as("chunk size %d", chunk).containsExactly(expected);
            assertThat(decoder.isBetweenRecords()).isTrue();
        }
    }

    @Test
    void knowsWhenAStreamStopsInsideARecord() {
        RecordIoDecoder decoder = decoder(100);
        decoder.decode("5\nabc".getBytes(UTF_8), 0, 5);
        assertThat(records).isEmpty();
        assertThat(decoder.isBetweenRecords()).isFalse();
    }

    @Test
    void rejectsANonDigitInTheLengthNamingTheByteAndPosition() {
        RecordIoDecoder decoder = decoder(100);
        assertThatThrownBy(() -> decoder.decode("1x\nab".getBytes(UTF_8), 0, 5))
                .isInstanceOf(RecordIoException.class)
                .hasMessage("record length contains byte 0x78, expected a decimal digit or line feed at stream byte 2");
    }

    @Test
    void rejectsAnEmptyLength() {
        assertThatThrownBy(() -> decoder(100).decode("\n".getBytes(UTF_8), 0, 1))
                .hasMessageContaining("empty record length");
    }

    @Test
    void rejectsARecordLargerThanTheMaximumBeforeBufferingIt() {
        RecordIoDecoder decoder = decoder(1000);
        assertThatThrownBy(() -> decoder.decode("1001\n".getBytes(UTF_8), 0, 5))
                .hasMessageContaining("exceeds the maximum of 1000 bytes");
    }

    @Test
    void rejectsAnAbsurdlyLongLength() {
        assertThatThrownBy(() -> decoder(Integer.MAX_VALUE).decode("00000000001\n".getBytes(UTF_8), 0, 12))
                .hasMessageContaining("more than 10 digits");
    }

    @Test
    void staysFailedAfterMalformedInput() {
        RecordIoDecoder decoder = decoder(100);
        assertThatThrownBy(() -> decoder.decode("z".getBytes(UTF_8), 0, 1)).isInstanceOf(RecordIoException.class);
        assertThatThrownBy(() -> decoder.decode("1\na".getBytes(UTF_8), 0, 3)).isInstanceOf(RecordIoException.class);
        assertThat(records).isEmpty();
    }
}
