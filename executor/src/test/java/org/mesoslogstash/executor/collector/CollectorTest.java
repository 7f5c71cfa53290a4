package org.mesoslogstash.executor.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.checkpoint.CheckpointWriter;
import org.mesoslogstash.executor.checkpoint.InMemoryCheckpointStore;
import org.mesoslogstash.executor.delivery.DeliveryPipeline;
import org.mesoslogstash.executor.discovery.ContainerInfo;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.Routing;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.matching.ContainerSelector;
import org.mesoslogstash.executor.sink.Sink;
import org.mesoslogstash.executor.stream.StreamReader;
import org.mesoslogstash.executor.stream.StreamRun;
import org.mesoslogstash.executor.stream.StreamStatus;
import org.mesoslogstash.executor.multiline.MultilinePublisher;
import org.mesoslogstash.executor.multiline.MultilineSettings;
import org.mesoslogstash.executor.stream.StreamSupervisor;
import org.mesoslogstash.executor.testsupport.DeterministicScheduler;
import org.mesoslogstash.executor.testsupport.TestEvents;
import org.mesoslogstash.retry.Backoff;

class CollectorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    /** Reads nothing; remembers where each stream was told to resume, and how often it was started. */
    private final Map<StreamKey, Optional<Position>> resumedFrom = new ConcurrentHashMap<>();
    private final Map<StreamKey, Integer> runs = new ConcurrentHashMap<>();
    private final StreamReader idleReader = run -> {
        resumedFrom.put(run.key(), run.resumeFrom());
        runs.merge(run.key(), 1, Integer::sum);
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
    private static final String ACCESS_LOG = "/var/log/nginx/access.log";
    private static final String ERROR_LOG = "/var/log/nginx/error.log";
    private static final List<CollectRule> ACCESS_ONLY = List.of(new CollectRule("access", NGINX, List.of(ACCESS_LOG), false, "nginx"));
    private final StreamRoutes routes = new StreamRoutes();
    private final DeterministicScheduler multilineTimer = new DeterministicScheduler();
    /** What the multiline stage hands on, as text. */
    private final List<String> joined = new CopyOnWriteArrayList<>();
    private final MultilinePublisher multiline = new MultilinePublisher(
            event -> joined.add(new String(event.line(), StandardCharsets.UTF_8)), multilineTimer, multilineTimer.clock(),
            Thread.ofVirtual().factory());
    private final Collector collector = new Collector(List.of(
            new CollectRule("access", NGINX, List.of(ACCESS_LOG), false),
            new CollectRule("everything", NGINX, List.of(ACCESS_LOG, ERROR_LOG), true)),
            "agent-1", streams, checkpoints, delivery, routes, multiline);

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
    void showsEveryRunningContainerWithItsStreamsIncludingThoseNoRuleMatches() {
        collector.started(container("c2", "redis:7"));
        collector.started(container("c1", "nginx:1.27"));

        assertThat(collector.containers()).containsExactly(
                new DiscoveredContainer("c1", "name-c1", "nginx:1.27", 4),
                new DiscoveredContainer("c2", "name-c2", "redis:7", 0));
    }

    @Test
    void shownContainersFollowNewRulesAndLeaveWhenTheyStop() {
        collector.started(container("c1", "nginx"));
        collector.started(container("c2", "redis:7"));
        collector.apply(ACCESS_ONLY);
        List<DiscoveredContainer> before = collector.containers();

        collector.stopped("c2");

        assertThat(collector.containers()).containsExactly(new DiscoveredContainer("c1", "name-c1", "nginx", 1));
        assertThat(before).as("a snapshot, not a view").extracting(DiscoveredContainer::id).containsExactly("c1", "c2");
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

    @Test
    void newRulesStartTheStreamsOnlyTheyNameFromTheirCheckpointsAndLeaveTheOthersRunning() {
        StreamKey access = StreamKey.file("c1", ACCESS_LOG);
        StreamKey error = StreamKey.file("c1", ERROR_LOG);
        collector.apply(ACCESS_ONLY);
        collector.started(container("c1", "nginx"));
        await().until(() -> resumedFrom.containsKey(access));
        checkpoints.save(error, new Position.InFile(7, 300));

        Collector.Applied applied = collector.apply(List.of(
                new CollectRule("access", NGINX, List.of(ACCESS_LOG), false, "nginx"),
                new CollectRule("errors", NGINX, List.of(ERROR_LOG), false, "nginx")));

        assertThat(applied).isEqualTo(new Collector.Applied(1, 0, 0, 1));
        await().untilAsserted(() -> assertThat(resumedFrom.get(error)).contains(new Position.InFile(7, 300)));
        assertThat(runs.get(access)).isEqualTo(1);
        assertThat(streams.statuses().get(access).generation()).isEqualTo(1);
    }

    @Test
    void streamsTheNewRulesNoLongerNameStopAndKeepTheirCheckpoints() {
        StreamKey access = StreamKey.file("c1", ACCESS_LOG);
        StreamKey error = StreamKey.file("c1", ERROR_LOG);
        collector.started(container("c1", "nginx"));
        await().until(() -> resumedFrom.size() == 4);
        checkpoints.save(error, new Position.InFile(7, 300));

        Collector.Applied applied = collector.apply(ACCESS_ONLY);

        assertThat(applied).isEqualTo(new Collector.Applied(0, 3, 1, 0));
        await().untilAsserted(() -> assertThat(streams.statuses()).allSatisfy((key, status) -> assertThat(status.state())
                .isEqualTo(key.equals(access) ? StreamStatus.State.RUNNING : StreamStatus.State.STOPPED)));
        assertThat(checkpoints.loadAll()).containsEntry(error, new Position.InFile(7, 300));
        assertThat(runs.get(access)).isEqualTo(1);
    }

    @Test
    void aRunningContainerNoRuleMatchedIsMatchedByNewRulesAtOnce() {
        collector.started(container("c2", "redis:7"));
        assertThat(streams.statuses()).isEmpty();

        collector.apply(List.of(new CollectRule("redis", new ContainerSelector(List.of("redis"), Map.of(), null, null), List.of(), true, "redis")));

        await().untilAsserted(() -> assertThat(resumedFrom).containsOnlyKeys(StreamKey.stdout("c2"), StreamKey.stderr("c2")));
        assertThat(routes.get(StreamKey.stdout("c2"))).isEqualTo(new Routing(List.of("redis"), List.of("redis")));
    }

    @Test
    void aStoppedContainerIsMatchedByTheRulesInForceWhenItStartsAgain() {
        collector.started(container("c1", "nginx"));
        await().until(() -> resumedFrom.size() == 4);
        collector.stopped("c1");

        assertThat(collector.apply(ACCESS_ONLY)).isEqualTo(new Collector.Applied(0, 0, 0, 0));
        resumedFrom.clear();
        collector.started(container("c1", "nginx"));

        await().untilAsserted(() -> assertThat(resumedFrom).containsOnlyKeys(StreamKey.file("c1", ACCESS_LOG)));
    }

    @Test
    void eventsCarryTheRoutingInForceWhenTheStreamHandsThemOver() {
        StreamKey access = StreamKey.file("c1", ACCESS_LOG);
        collector.apply(ACCESS_ONLY);
        collector.started(container("c1", "nginx"));
        await().until(() -> resumedFrom.containsKey(access));
        LogEvent read = new LogEvent(access, 1, TestEvents.METADATA, CLOCK.instant(), new byte[0], 0, null, new Position.InFile(1, 1));
        LogEvent before = routes.stamp(read);

        Collector.Applied applied = collector.apply(List.of(
                new CollectRule("access", NGINX, List.of(ACCESS_LOG), false, "audit"),
                new CollectRule("web", NGINX, List.of(ACCESS_LOG), false, "nginx")));
        LogEvent after = routes.stamp(read);

        assertThat(applied).isEqualTo(new Collector.Applied(0, 0, 1, 0));
        assertThat(before.routing()).isEqualTo(new Routing(List.of("nginx"), List.of("access")));
        assertThat(after.routing()).isEqualTo(new Routing(List.of("audit", "nginx"), List.of("access", "web")));
        assertThat(runs.get(access)).isEqualTo(1);
    }

    @Test
    void streamsWithEqualRoutingShareOneRoutingInstance() {
        collector.apply(List.of(new CollectRule("all", NGINX, List.of(), true, "nginx")));
        collector.started(container("c1", "nginx"));
        collector.started(container("c3", "nginx"));

        assertThat(routes.get(StreamKey.stdout("c1"))).isSameAs(routes.get(StreamKey.stderr("c3")));
    }

    @Test
    void aRemovedContainerLeavesNoRouting() {
        collector.started(container("c1", "nginx"));

        collector.removed("c1");

        assertThat(routes.get(StreamKey.stdout("c1"))).isEqualTo(Routing.NONE);
    }

    @Test
    void aRulesMultilineSettingsJoinItsStreamsLinesAndNewRulesChangeThemWithoutARestart() throws InterruptedException {
        StreamKey access = StreamKey.file("c1", ACCESS_LOG);
        MultilineSettings indented = new MultilineSettings(Pattern.compile("^\\s"), false, MultilineSettings.Match.AFTER, 500, 1 << 20,
                Duration.ofSeconds(5));
        collector.apply(List.of(new CollectRule("java", NGINX, List.of(ACCESS_LOG), false, "java", indented)));
        collector.started(container("c1", "nginx"));
        await().until(() -> resumedFrom.containsKey(access));
        multiline.publish(line(access, "Exception", 0));
        multiline.publish(line(access, "\tat A", 10));

        collector.apply(List.of(new CollectRule("java", NGINX, List.of(ACCESS_LOG), false, "java")));
        multiline.publish(line(access, "\tat B", 16));

        assertThat(joined).containsExactly("Exception\n\tat A", "\tat B");
        assertThat(runs.get(access)).isEqualTo(1);
    }

    private static LogEvent line(StreamKey stream, String text, long offset) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new LogEvent(stream, 1, TestEvents.METADATA, CLOCK.instant(), bytes, offset, null, new Position.InFile(1, offset + bytes.length + 1));
    }

    /**
     * Discovery reports containers on its own thread while new rules arrive on another: whatever the
     * interleaving, once both are done every running container has exactly the streams of the last rules.
     */
    @Test
    void rulesAppliedWhileContainersStartEndWithTheStreamsOfTheLastRules() throws Exception {
        List<CollectRule> everything = List.of(new CollectRule("all", NGINX, List.of(ACCESS_LOG, ERROR_LOG), true, "nginx"));
        Thread discovery = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 40; i++) {
                collector.started(container("c" + i, "nginx"));
            }
        });
        for (int round = 0; round < 20; round++) {
            collector.apply(round % 2 == 0 ? everything : ACCESS_ONLY);
        }
        discovery.join();
        collector.apply(ACCESS_ONLY);

        await().untilAsserted(() -> {
            Map<StreamKey, StreamStatus> statuses = streams.statuses();
            for (int i = 0; i < 40; i++) {
                StreamKey access = StreamKey.file("c" + i, ACCESS_LOG);
                assertThat(statuses.get(access).state()).as(access.toString()).isEqualTo(StreamStatus.State.RUNNING);
            }
            assertThat(statuses).allSatisfy((key, status) -> assertThat(status.state())
                    .as(key.toString()).isEqualTo(key.source().equals(ACCESS_LOG) ? StreamStatus.State.RUNNING : StreamStatus.State.STOPPED));
        });
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
