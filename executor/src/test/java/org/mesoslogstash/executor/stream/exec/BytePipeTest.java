package org.mesoslogstash.executor.stream.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytePipeTest {

    @Test
    void passesBytesOnInOrderAndCopiesWhatItIsGiven() throws Exception {
        BytePipe pipe = new BytePipe(1 << 20);
        byte[] expected = new byte[300_000];
        new Random(7).nextBytes(expected);
        Thread writer = Thread.ofVirtual().start(() -> {
            byte[] reused = new byte[1024];
            try {
                for (int at = 0; at < expected.length; at += reused.length) {
                    int n = Math.min(reused.length, expected.length - at);
                    System.arraycopy(expected, at, reused, 0, n);
                    pipe.write(reused, 0, n);
                    java.util.Arrays.fill(reused, (byte) 0);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pipe.end();
        });
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[777];
        int n;
        while ((n = pipe.read(buffer)) >= 0) {
            read.write(buffer, 0, n);
        }
        writer.join();
        assertThat(read.toByteArray()).isEqualTo(expected);
    }

    @Test
    void holdsTheWriterUpWhileFull() throws Exception {
        BytePipe pipe = new BytePipe(10);
        pipe.write(new byte[8]);
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                pipe.write(new byte[8]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.getState() == Thread.State.WAITING);
        assertThat(pipe.available()).isEqualTo(8);
        pipe.read(new byte[8]);
        writer.join(Duration.ofSeconds(5));
        assertThat(pipe.available()).isEqualTo(8);
    }

    @Test
    void reportsTheWritersFailureAfterTheBufferedBytes() throws Exception {
        BytePipe pipe = new BytePipe(100);
        pipe.write(new byte[] {1, 2});
        pipe.fail(new IOException("connection reset"));
        assertThat(pipe.read(new byte[10])).isEqualTo(2);
        assertThatThrownBy(() -> pipe.read(new byte[10])).hasMessageContaining("connection reset");
    }

    @Test
    void abandonEndsAtOnceAndRefusesMore() throws Exception {
        BytePipe pipe = new BytePipe(100);
        pipe.write(new byte[] {1, 2});
        pipe.abandon();
        assertThat(pipe.read(new byte[10])).isEqualTo(-1);
        assertThat(pipe.write(new byte[] {3})).isFalse();
    }
}
