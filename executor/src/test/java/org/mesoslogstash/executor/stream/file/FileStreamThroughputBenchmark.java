package org.mesoslogstash.executor.stream.file;

import com.github.dockerjava.api.DockerClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mesoslogstash.executor.delivery.EventPublisher;
import org.mesoslogstash.executor.docker.DockerClients;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.stream.StreamRun;
import org.mesoslogstash.executor.stream.exec.DockerContainerExec;
import org.mesoslogstash.executor.testsupport.RawExecCat;
import org.mesoslogstash.executor.testsupport.TestContainers;

/**
 * How fast a FileStream reads a file, against the raw speed of {@code docker exec cat} on the same
 * file into this JVM. Prints lines/s, MB/s and the ratio for each of three rounds and the median.
 * Run: {@code java -cp <test classpath> org.mesoslogstash.executor.stream.file.FileStreamThroughputBenchmark}
 */
public final class FileStreamThroughputBenchmark {

    private static final String FILE = "/tmp/bench.log";
    private static final int LINES = 1_000_000;
    private static final int LINE_BYTES = 100;
    private static final long FILE_BYTES = (long) LINES * LINE_BYTES;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        try (TestContainers containers = new TestContainers("mlt-strm-");
                DockerClient docker = DockerClients.connect(DockerEndpoint.fromEnvironment(System.getenv()))) {
            String container = containers.busybox();
            String line = "x".repeat(LINE_BYTES - 1);
            TestContainers.sh(container, "yes " + line + " | head -n " + LINES + " > " + FILE);
            String size = TestContainers.sh(container, "stat -c %s " + FILE).strip();
            System.out.printf("file: %s bytes, %d lines of %d bytes%n", size, LINES, LINE_BYTES);
            DockerContainerExec exec = new DockerContainerExec(docker);
            // One warm-up of each, not counted.
            RawExecCat.seconds(docker, container, FILE, FILE_BYTES);
            stream(exec, container);
            List<Double> ratios = new ArrayList<>();
            List<Double> rawRates = new ArrayList<>();
            List<Double> streamRates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                // Alternate which goes first, so that a neighbour's load burst does not always hit the same one.
                double rawSeconds;
                double streamSeconds;
                if (round % 2 == 1) {
                    rawSeconds = RawExecCat.seconds(docker, container, FILE, FILE_BYTES);
                    streamSeconds = stream(exec, container);
                } else {
                    streamSeconds = stream(exec, container);
                    rawSeconds = RawExecCat.seconds(docker, container, FILE, FILE_BYTES);
                }
                double ratio = rawSeconds / streamSeconds;
                rawRates.add(FILE_BYTES / rawSeconds / 1e6);
                streamRates.add(FILE_BYTES / streamSeconds / 1e6);
                ratios.add(ratio);
                System.out.printf(Locale.ROOT, "round %d: raw cat %.0f lines/s %.1f MB/s | FileStream %.0f lines/s %.1f MB/s | ratio %.2f%n",
                        round, LINES / rawSeconds, FILE_BYTES / rawSeconds / 1e6, LINES / streamSeconds, FILE_BYTES / streamSeconds / 1e6, ratio);
            }
            System.out.printf(Locale.ROOT, "median: raw cat %.1f MB/s, FileStream %.1f MB/s, ratio %.2f%n",
                    median(rawRates), median(streamRates), median(ratios));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Seconds for a FileStream to publish every line of FILE. */
    private static double stream(DockerContainerExec exec, String container) throws Exception {
        CountDownLatch all = new CountDownLatch(1);
        AtomicLong lines = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        EventPublisher counting = (LogEvent event) -> {
            bytes.addAndGet(event.line().length + 1);
            if (lines.incrementAndGet() == LINES) {
                all.countDown();
            }
        };
        StreamRun run = new StreamRun(StreamKey.file(container, FILE), 1,
                new SourceMetadata(container, "bench", "busybox", Map.of(), "host", null, null, null), Optional.empty());
        FileStream stream = new FileStream(exec, counting, Clock.systemUTC(), FileStreamSettings.DEFAULT);
        long start = System.nanoTime();
        Thread reader = Thread.ofVirtual().name("bench-stream").start(() -> {
            try {
                stream.read(run);
            } catch (Exception e) {
                e.printStackTrace();
                all.countDown();
            }
        });
        if (!all.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("stream did not finish");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        run.requestStop();
        reader.interrupt();
        reader.join(Duration.ofSeconds(30));
        if (bytes.get() != FILE_BYTES) {
            throw new IllegalStateException("stream delivered " + bytes.get() + " bytes, not " + FILE_BYTES);
        }
        return seconds;
    }
}
