package org.mesoslogstash.executor.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.checkpoint.CheckpointWriter;
import org.mesoslogstash.executor.checkpoint.InMemoryCheckpointStore;
import org.mesoslogstash.executor.delivery.DeliveryPipeline;
import org.mesoslogstash.executor.discovery.ContainerInfo;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.matching.ContainerSelector;
import org.mesoslogstash.executor.sink.Sink;
import org.mesoslogstash.executor.stream.StreamReader;
import org.mesoslogstash.executor.stream.StreamRun;
import org.mesoslogstash.executor.stream.StreamStatus;
import org.mesoslogstash.executor.stream.StreamSupervisor;
import org.mesoslogstash.retry.Backoff;

class CollectorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    /** Reads nothing; remembers where each stream was told to resume. */
    private final Map<StreamKey, Optional<Position>> resumedFrom = new ConcurrentHashMap<>();
    private final StreamReader idleReader = run -> {
        resumedFrom.put(run.key(), run.resumeFrom());
        run.markRunning();
        while (!run.stopRequested()) {
            Thread.sleep(5);
        }
    };
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final StreamSupervisor streams = new StreamSupervisor(idleReader, idleReader, CLOCK, duration -> { },
            new Backoff(Duration.ofMillis(10), Duration.ofMillis(10)), Thread.ofVirtual().factory());
    private final DeliveryPipeline delivery = new DeliveryPipeline(new AcknowledgingSink(),
            new CheckpointWriter(checkpoints, Thread.ofVirtual().factory(), Backoff.DEFAULT, CLOCK),
            DeliveryPipeline.Options.DEFAULTS, CLOCK, Thread.ofVirtual().factory());

    private static final ContainerSelector NGINX = new ContainerSelector(List.of("nginx"), Map.of(), null, null);
    private final Collector collector = new Collector(List.of(
            new CollectRule("access", NGINX, List.of("/var/log/nginx/access.log"), false),
            new CollectRule("everything", NGINX, List.of("/var/log/nginx/access.log", "/var/log/nginx/error.log"), true)),
            "agent-1", streams, checkpoints, delivery);

    @AfterEach
    void close() throws InterruptedException {
        streams.close(Duration.ofSeconds(5));
        delivery.close(Duration.ofSeconds(5));
    }

    private static ContainerInfo container(String id, String image) {
        return new ContainerInfo(id, "name-" + id, image, Map.of(), Map.of());
    }

    @Test
    void startsEachStreamTheRulesNameOnceResumingFromItsCheckpoint() {
        StreamKey access = StreamKey.file("c1", "/var/log/nginx/access.log");
        checkpoints.save(access, new Position.InFile(42, 1000));

        collector.started(container("c1", "nginx:1.27"));

        await().untilAsserted(() -> assertThat(resumedFrom).containsOnlyKeys(access,
                StreamKey.file("c1", "/var/log/nginx/error.log"), StreamKey.stdout("c1"), StreamKey.stderr("c1")));
        assertThat(resumedFrom.get(access)).contains(new Position.InFile(42, 1000));
        assertThat(resumedFrom.get(StreamKey.stdout("c1"))).isEmpty();
    }

    @Test
    void leavesContainersNoRuleMatches() {
        collector.started(container("c2", "redis:7"));

        assertThat(streams.statuses()).isEmpty();
    }

    @Test
    void aStoppedContainerKeepsItsCheckpointsAndResumesWhenStartedAgain() {
        StreamKey access = StreamKey.file("c1", "/var/log/nginx/access.log");
        collector.started(container("c1", "nginx"));
        await().until(() -> resumedFrom.containsKey(access));

        checkpoints.save(access, new Position.InFile(42, 5));
        collector.stopped("c1");
        await().untilAsserted(() -> assertThat(streams.statuses().values())
                .allSatisfy(status -> assertThat(status.state()).isEqualTo(StreamStatus.State.STOPPED)));
        resumedFrom.clear();
        collector.started(container("c1", "nginx"));

        await().untilAsserted(() -> assertThat(resumedFrom.get(access)).isEqualTo(Optional.of(new Position.InFile(42, 5))));
    }

    @Test
    void aRemovedContainerLosesItsStreamsAndCheckpointsIncludingThoseOfAnEarlierRun() {
        StreamKey access = StreamKey.file("c1", "/var/log/nginx/access.log");
        StreamKey fromEarlierRun = StreamKey.file("c1", "/var/log/old.log");
        StreamKey otherContainer = StreamKey.file("c9", "/var/log/nginx/access.log");
        checkpoints.save(access, new Position.InFile(1, 10));
        checkpoints.save(fromEarlierRun, new Position.InFile(1, 20));
        checkpoints.save(otherContainer, new Position.InFile(1, 30));
        collector.started(container("c1", "nginx"));
        await().until(() -> resumedFrom.containsKey(access));

        collector.removed("c1");

        await().untilAsserted(() -> assertThat(checkpoints.loadAll()).containsOnlyKeys(otherContainer));
        assertThat(streams.statuses()).isEmpty();
    }

    /** Acknowledges every batch at once. */
    private static final class AcknowledgingSink implements Sink {
        @Override
        public CompletionStage<Void> publish(List<LogEvent> batch) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }
}
