package org.mesoslogstash.executor.collector;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.mesoslogstash.executor.docker.DockerClients;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.matching.ContainerSelector;
import org.mesoslogstash.executor.testsupport.BeatsReceiver;
import org.mesoslogstash.executor.testsupport.RawExecCat;
import org.mesoslogstash.executor.testsupport.TestContainers;

/**
 * Prints the collector's figures against the local Docker daemon (see docs/collector.md):
 * <ol>
 *   <li>throughput of the whole collection path (exec follower, events, beats sink, an
 *       acknowledging receiver, checkpoint) for 1,000,000 lines of 100 bytes, against the raw
 *       ceiling measured in the same run: {@code docker exec <c> cat <file>} into this process;</li>
 *   <li>peak resident memory of a collector process following 200 streams.</li>
 * </ol>
 * Run: {@code bin/benchmark-collector [all|throughput|memory] [rounds]}.
 */
public final class CollectionBenchmark {

    private static final String FILE = "/data/bench.log";
    private static final int LINES = 1_000_000;
    private static final int LINE_BYTES = 100;
    private static final long FILE_BYTES = (long) LINES * LINE_BYTES;
    private static final int MEMORY_CONTAINERS = 20;
    private static final int FILES_PER_CONTAINER = 10;
    /** The JVM options bin/collect starts the collector with, so the memory figure is the one users get. */
    private static final List<String> COLLECTOR_JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC");

    private CollectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!List.of("all", "throughput", "memory").contains(which) || rounds < 1) {
            System.err.println("usage: bin/benchmark-collector [all|throughput|memory] [rounds >= 1]");
            System.exit(2);
        }
        try (TestContainers containers = new TestContainers("mlt-bench-");
                DockerClient docker = DockerClients.connect(DockerEndpoint.fromEnvironment(System.getenv()))) {
            if (!which.equals("memory")) {
                throughput(rounds, containers, docker);
            }
            if (!which.equals("throughput")) {
                memory(containers);
            }
        }
    }

    private static void throughput(int rounds, TestContainers containers, DockerClient docker) throws Exception {
        String container = containers.start(List.of("--label", "mlt-bench=throughput"));
        TestContainers.sh(container, "mkdir -p /data && yes " + "x".repeat(LINE_BYTES - 1) + " | head -n " + LINES + " > " + FILE);
        System.out.printf("throughput: %d lines of %d bytes (%d bytes) in one file; %s%n", LINES, LINE_BYTES, FILE_BYTES, machine());
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            double raw = RawExecCat.seconds(docker, container, FILE, FILE_BYTES);
            FullPath full = fullPath(container);
            if (round == 0) {
                continue; // warm-up of both, not counted
            }
            double ratio = raw / full.seconds;
            ratios.add(ratio);
            System.out.printf(Locale.ROOT, "round %d: raw cat %,.0f lines/s %.1f MB/s | collector %,.0f lines/s %.1f MB/s | ratio %.2f"
                            + " (collector started the stream %.2f s after it started)%n",
                    round, LINES / raw, FILE_BYTES / raw / 1e6, LINES / full.seconds, FILE_BYTES / full.seconds / 1e6, ratio,
                    full.discoverySeconds);
        }
        Collections.sort(ratios);
        System.out.printf(Locale.ROOT, "median ratio collector/raw cat: %.2f (goal >= 0.8)%n", ratios.get(ratios.size() / 2));
    }

    private record FullPath(double seconds, double discoverySeconds) {
    }

    /**
     * From the moment the collector starts the stream until the receiver acknowledged every line and
     * the checkpoint stands at the end of the file. Discovery's delay before that is reported apart.
     */
    private static FullPath fullPath(String container) throws Exception {
        Path checkpoints = Files.createTempDirectory("mlt-bench-checkpoints");
        StreamKey key = StreamKey.file(container, FILE);
        try (BeatsReceiver receiver = BeatsReceiver.countingOnly()) {
            CollectorConfig config = new CollectorConfig("bench-host", new DockerEndpoint(DockerEndpoint.DEFAULT), checkpoints,
                    CollectorConfigReader.DEFAULT_MAX_LINE_BYTES, CollectorConfigReader.DEFAULT_MAX_UNACKNOWLEDGED,
                    CollectorConfigReader.DEFAULT_RESYNC, new CollectorConfig.SinkConfig.Beats("127.0.0.1", receiver.port(), 0, false, null, null),
                    // Routed to a pipeline, as under Mesos: every event carries the routing in its @metadata.
                    List.of(new CollectRule("bench", new ContainerSelector(List.of(), Map.of("mlt-bench", "throughput"), null, null),
                            List.of(FILE), false, "bench")));
            long begin = System.nanoTime();
            RunningCollector collector = RunningCollector.start(config, Clock.systemUTC());
            try {
                while (!collector.streamStatuses().containsKey(key)) {
                    Thread.sleep(1);
                }
                long streamStart = System.nanoTime();
                while (!(collector.deliveryMetrics().checkpointed().get(key) instanceof Position.InFile at && at.offset() == FILE_BYTES)) {
                    Thread.sleep(2);
                }
                long end = System.nanoTime();
                if (receiver.eventCount() < LINES) {
                    throw new IllegalStateException("checkpoint at the end but only " + receiver.eventCount() + " events received");
                }
                return new FullPath((end - streamStart) / 1e9, (streamStart - begin) / 1e9);
            } finally {
                collector.close(Duration.ofSeconds(20));
            }
        } finally {
            deleteTree(checkpoints);
        }
    }

    /** A collector process following 200 files that are written to ten times a second; its peak RSS. */
    private static void memory(TestContainers containers) throws Exception {
        StringBuilder writer = new StringBuilder("mkdir -p /data; i=0; while true; do ");
        List<String> files = IntStream.range(0, FILES_PER_CONTAINER).mapToObj(f -> "/data/f" + f + ".log").toList();
        files.forEach(file -> writer.append("echo \"line $i of ").append(file).append("\" >> ").append(file).append("; "));
        writer.append("i=$((i+1)); usleep 100000; done");
        for (int c = 0; c < MEMORY_CONTAINERS; c++) {
            containers.start(List.of("--label", "mlt-bench=memory"), "sh", "-c", writer.toString());
        }
        int streams = MEMORY_CONTAINERS * FILES_PER_CONTAINER;
        Path dir = Files.createTempDirectory("mlt-bench-memory");
        try (BeatsReceiver receiver = BeatsReceiver.countingOnly()) {
            Path config = dir.resolve("collector.json");
            Files.writeString(config, """
                    {"checkpointDir": "%s", "sink": {"type": "beats", "host": "127.0.0.1", "port": %d},
                     "collect": [{"name": "memory", "match": {"labels": {"mlt-bench": "memory"}}, "files": %s}]}
                    """.formatted(dir.resolve("checkpoints"), receiver.port(),
                    files.stream().map(f -> "\"" + f + "\"").toList()));
            Path log = dir.resolve("collector.log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(COLLECTOR_JVM_OPTIONS);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), CollectorMain.class.getName(), config.toString()));
            Process collector = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (following(log) < streams) {
                    if (System.nanoTime() > deadline || !collector.isAlive()) {
                        Files.readAllLines(log).stream().skip(Math.max(0, Files.readAllLines(log).size() - 40)).forEach(System.err::println);
                        throw new IllegalStateException("only " + following(log) + " of " + streams + " streams started (collector log above)");
                    }
                    Thread.sleep(200);
                }
                long peak = 0;
                for (int second = 0; second < 30; second++) {
                    Thread.sleep(1000);
                    peak = Math.max(peak, procStatus(collector.pid(), "VmHWM"));
                }
                System.out.printf(Locale.ROOT, "memory: collector process (%s) following %d streams in %d containers, %d events received:"
                                + " peak RSS %.1f MiB, %d threads (goal <= 256 MiB)%n",
                        String.join(" ", COLLECTOR_JVM_OPTIONS), streams, MEMORY_CONTAINERS, receiver.eventCount(), peak / 1024.0,
                        procStatus(collector.pid(), "Threads"));
            } finally {
                collector.destroy();
                collector.waitFor();
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** File streams that have begun following, as the collector logs them. */
    private static long following(Path log) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("following inode")).count();
        }
    }

    /** A figure of /proc/pid/status (in kB for memory). */
    private static long procStatus(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " " + Runtime.version();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
