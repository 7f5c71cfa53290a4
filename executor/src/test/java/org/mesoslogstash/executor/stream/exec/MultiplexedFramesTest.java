package org.mesoslogstash.executor.stream.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultiplexedFramesTest {

    private static void frame(ByteArrayOutputStream out, int type, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(new byte[] {(byte) type, 0, 0, 0, (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
        out.writeBytes(bytes);
    }

    @Test
    void keepsFramesWholeAndTellsTheirStreams() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String big = "x".repeat(70_000);
        frame(out, MultiplexedFrames.STDOUT, "hello\n");
        frame(out, MultiplexedFrames.STDERR, "oops");
        frame(out, MultiplexedFrames.STDOUT, big);
        MultiplexedFrames frames = new MultiplexedFrames(new ByteArrayInputStream(out.toByteArray()));
        assertThat(frames.nextFrame()).isEqualTo(MultiplexedFrames.STDOUT);
        assertThat(new String(frames.readFrame(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
        assertThat(frames.nextFrame()).isEqualTo(MultiplexedFrames.STDERR);
        assertThat(frames.nextFrame()).as("an unread frame is skipped").isEqualTo(MultiplexedFrames.STDOUT);
        byte[] buffer = new byte[100_000];
        assertThat(frames.remaining()).isEqualTo(big.length());
        int total = 0;
        int n;
        while ((n = frames.read(buffer, total, buffer.length - total)) > 0) {
            total += n;
        }
        assertThat(total).isEqualTo(big.length());
        assertThat(frames.nextFrame()).isEqualTo(-1);
    }

    @Test
    void rejectsWhatIsNotMultiplexed() {
        byte[] tty = "plain text from a TTY\n".getBytes(StandardCharsets.UTF_8);
        MultiplexedFrames frames = new MultiplexedFrames(new ByteArrayInputStream(tty));
        assertThatThrownBy(frames::nextFrame).hasMessageContaining("TTY");
    }

    @Test
    void reportsAStreamCutInsideAFrame() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, MultiplexedFrames.STDOUT, "complete");
        byte[] cut = java.util.Arrays.copyOf(out.toByteArray(), out.size() - 3);
        MultiplexedFrames frames = new MultiplexedFrames(new ByteArrayInputStream(cut));
        frames.nextFrame();
        assertThatThrownBy(frames::readFrame).hasMessageContaining("inside a frame");
    }
}
