package org.mesoslogstash.executor.collector;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.matching.ContainerSelector;
import org.mesoslogstash.executor.stream.StreamStatus;
import org.mesoslogstash.executor.testsupport.BeatsReceiver;
import org.mesoslogstash.executor.testsupport.TestContainers;
import tools.jackson.databind.JsonNode;

/**
 * Rules change three times under a running collector while a container writes numbered lines to two
 * files without pause: a file is added, the routing of the other changes, then that other file is
 * removed. Every line of a file that stayed collected arrives exactly once, in order, and carries
 * the routing in force when it was read.
 */
class RuleReloadIT {

    private static final String A = "/data/a.log";
    private static final String B = "/data/b.log";

    private final TestContainers containers = new TestContainers("mlt-routing-");

    @AfterEach
    void removeContainers() {
        containers.close();
    }

    /** One received line: which file, its number there, and the routing it carried. */
    private record Line(String file, int number, List<String> pipelines, List<String> rules) {

        static Line of(JsonNode document) {
            String[] message = document.path("message").asString().split(" ");
            JsonNode routing = document.at("/@metadata/mesos_logstash");
            return new Line(document.at("/log/file/path").asString(), Integer.parseInt(message[1]),
                    strings(routing.path("pipelines")), strings(routing.path("rules")));
        }

        private static List<String> strings(JsonNode array) {
            List<String> strings = new ArrayList<>();
            array.forEach(element -> strings.add(element.asString()));
            return strings;
        }
    }

    @Test
    void linesOfStreamsThatStayCollectedArriveOnceEachWithTheRoutingInForceWhenRead(@TempDir Path dir) throws Exception {
        String label = UUID.randomUUID().toString();
        String container = containers.start(List.of("--label", "mlt-routing=" + label), "sh", "-c",
                "mkdir -p /data; i=0; while [ ! -f /data/stop ]; do echo \"a $i\" >> " + A + "; echo \"b $i\" >> " + B
                        + "; i=$((i+1)); usleep 2000; done; sleep 3600");
        ContainerSelector writer = new ContainerSelector(List.of(), Map.of("mlt-routing", label), null, null);
        CollectRule aToP1 = new CollectRule("a", writer, List.of(A), false, "p1");
        CollectRule aToP3 = new CollectRule("a", writer, List.of(A), false, "p3");
        CollectRule bToP2 = new CollectRule("b", writer, List.of(B), false, "p2");
        StreamKey a = StreamKey.file(container, A);
        StreamKey b = StreamKey.file(container, B);

        try (BeatsReceiver receiver = BeatsReceiver.start()) {
            CollectorConfig config = new CollectorConfig("routing-host", new DockerEndpoint(DockerEndpoint.DEFAULT), dir.resolve("checkpoints"), 65536, 1000, Duration.ofSeconds(30),
                    new CollectorConfig.SinkConfig.Beats("127.0.0.1", receiver.port(), 0, false, null, null), List.of(aToP1));
            RunningCollector collector = RunningCollector.start(config, Clock.systemUTC());
            int writtenAtReroute;
            List<Line> beforeReroute;
            try {
                await().atMost(60, SECONDS).pollInterval(Duration.ofMillis(500)).until(() -> count(receiver, A) >= 300);

                // 1. A file is added.
                assertThat(collector.apply(List.of(aToP1, bToP2))).isEqualTo(new Collector.Applied(1, 0, 0, 1));
                await().atMost(60, SECONDS).pollInterval(Duration.ofMillis(500)).until(() -> count(receiver, B) >= 300);

                // 2. The routing of a changes.
                beforeReroute = lines(receiver, A);
                assertThat(collector.apply(List.of(aToP3, bToP2))).isEqualTo(new Collector.Applied(0, 0, 1, 1));
                writtenAtReroute = linesIn(container, A);
                await().atMost(60, SECONDS).pollInterval(Duration.ofMillis(500)).until(() -> lines(receiver, A).stream().filter(l -> l.pipelines().equals(List.of("p3"))).count() >= 300);

                // 3. a is no longer collected.
                assertThat(collector.apply(List.of(bToP2))).isEqualTo(new Collector.Applied(0, 1, 0, 1));
                int bAtRemoval = linesIn(container, B);
                await().atMost(60, SECONDS).pollInterval(Duration.ofMillis(500)).until(() -> count(receiver, B) >= bAtRemoval + 300);
                await().atMost(30, SECONDS).pollInterval(Duration.ofMillis(500)).until(() -> collector.streamStatuses().get(a).state() == StreamStatus.State.STOPPED);

                TestContainers.sh(container, "touch /data/stop");
                await().atMost(60, SECONDS).pollInterval(Duration.ofMillis(500)).until(() -> count(receiver, B) >= linesIn(container, B));
                assertThat(collector.streamStatuses().get(b).generation()).as("b was never restarted").isEqualTo(1);
                assertThat(collector.streamStatuses().get(a).generation()).as("a was never restarted").isEqualTo(1);
            } finally {
                collector.close(Duration.ofSeconds(20));
            }

            List<Line> aLines = lines(receiver, A);
            List<Line> bLines = lines(receiver, B);
            assertThat(bLines).extracting(Line::number).as("every line of b, once, in order")
                    .containsExactlyElementsOf(range(linesIn(container, B)));
            assertThat(bLines).allSatisfy(line -> {
                assertThat(line.pipelines()).containsExactly("p2");
                assertThat(line.rules()).containsExactly("b");
            });
            assertThat(aLines).extracting(Line::number).as("every line of a up to where it stopped, once, in order")
                    .containsExactlyElementsOf(range(aLines.size()));
            assertThat(aLines).allSatisfy(line -> assertThat(line.rules()).containsExactly("a"));
            // The routing changes once, between two lines, and where the apply call says.
            int firstP3 = aLines.stream().filter(line -> line.pipelines().equals(List.of("p3"))).findFirst().orElseThrow().number();
            assertThat(aLines.subList(0, firstP3)).allSatisfy(line -> assertThat(line.pipelines()).containsExactly("p1"));
            assertThat(aLines.subList(firstP3, aLines.size())).allSatisfy(line -> assertThat(line.pipelines()).containsExactly("p3"));
            assertThat(firstP3).as("lines received before the change were routed before it").isGreaterThanOrEqualTo(beforeReroute.size());
            assertThat(firstP3).as("lines written after the change are read after it").isLessThanOrEqualTo(writtenAtReroute);
            System.out.printf("RuleReloadIT: a: %d lines (p1 up to %d, then p3; %d written when rerouted), b: %d lines%n",
                    aLines.size(), firstP3, writtenAtReroute, bLines.size());
        }
    }

    private static List<Integer> range(int count) {
        List<Integer> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    private static int linesIn(String container, String file) {
        return Integer.parseInt(TestContainers.sh(container, "wc -l < " + file).strip());
    }

    private static long count(BeatsReceiver receiver, String file) {
        return lines(receiver, file).size();
    }

    private static List<Line> lines(BeatsReceiver receiver, String file) {
        return receiver.parsedDocuments().stream().map(Line::of).filter(line -> line.file().equals(file)).toList();
    }
}
