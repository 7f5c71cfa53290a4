package org.mesoslogstash.executor.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.checkpoint.CheckpointCodec.Checkpoint;
import org.mesoslogstash.executor.checkpoint.CheckpointCodec.MalformedCheckpointException;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;

class CheckpointCodecTest {

    private static final Instant SAVED = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void fileCheckpointRoundTrips() throws Exception {
        Checkpoint c = new Checkpoint(StreamKey.file("abc123", "/var/log/my app\nweird.log"), new Position.InFile(42, 1_000_000_007L), SAVED);
        assertThat(CheckpointCodec.decode(CheckpointCodec.encode(c))).isEqualTo(c);
    }

    @Test
    void consoleCheckpointRoundTripsWithNanoseconds() throws Exception {
        Checkpoint c = new Checkpoint(StreamKey.stderr("abc123"), new Position.InConsole(Instant.parse("2026-01-02T03:04:05.123456789Z"), 3), SAVED);
        assertThat(CheckpointCodec.decode(CheckpointCodec.encode(c))).isEqualTo(c);
    }

    @Test
    void encodedFormIsOneVersionedLine() {
        String line = new String(CheckpointCodec.encode(new Checkpoint(StreamKey.stdout("c"), new Position.InConsole(SAVED, 1), SAVED)), StandardCharsets.US_ASCII);
        assertThat(line).startsWith("mlcp 1 console ").endsWith("\n").containsOnlyOnce("\n").contains(" crc32=");
    }

    @Test
    void everyFlippedByteIsDetected() {
        byte[] good = CheckpointCodec.encode(new Checkpoint(StreamKey.file("c1", "/a/b"), new Position.InFile(7, 99), SAVED));
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            assertThatThrownBy(() -> CheckpointCodec.decode(bad)).as("flip at %d", i).isInstanceOf(MalformedCheckpointException.class);
        }
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] good = CheckpointCodec.encode(new Checkpoint(StreamKey.file("c1", "/a/b"), new Position.InFile(7, 99), SAVED));
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> CheckpointCodec.decode(cut)).as("cut at %d", len).isInstanceOf(MalformedCheckpointException.class);
        }
    }

    @Test
    void unknownVersionIsRejectedNamingIt() {
        String v2 = new String(CheckpointCodec.encode(new Checkpoint(StreamKey.stdout("c"), new Position.InFile(1, 2), SAVED)), StandardCharsets.US_ASCII)
                .replace("mlcp 1 ", "mlcp 2 ");
        assertThatThrownBy(() -> CheckpointCodec.decode(v2.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedCheckpointException.class);
    }
}
