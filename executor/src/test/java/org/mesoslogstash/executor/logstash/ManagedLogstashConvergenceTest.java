package org.mesoslogstash.executor.logstash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ManagedLogstash concludes from what the monitoring API shows, on a fake Logstash and a fake clock. */
class ManagedLogstashConvergenceTest {

    @TempDir
    Path dir;
    private final FakeLogstash fake = new FakeLogstash();
    private LogstashSettings settings;
    private ManagedLogstash logstash;

    @BeforeEach
    void setUp() {
        settings = LogstashSettings.defaults(dir.resolve("work")).withHome(dir.resolve("home"));
        logstash = new ManagedLogstash(settings, fake, fake, fake.clock, fake::sleep, Thread.ofVirtual().factory());
    }

    @Test
    void aPipelineThatNeverRunsTimesOutNamingItAndLogstashIsKilled() {
        fake.run("a", "a-1");

        assertThatThrownBy(() -> logstash.start(Map.of("a", "x", "b", "y")))
                .isInstanceOf(LogstashException.class)
                .hasMessageContaining("did not run pipelines [a, b] within PT3M")
                .hasMessageContaining("not yet (re)loaded: [b]")
                .hasMessageContaining("fake output");

        assertThat(fake.process.isAlive()).isFalse();
        assertThat(logstash.status()).isInstanceOf(LogstashStatus.Failed.class);
    }

    @Test
    void aPipelineRefusedAtItsFirstLoadIsARejectionWithLogstashsMessage() {
        fake.run("a", "a-1");
        fake.refuse("b", 1, "Couldn't find any input plugin named 'nope'");

        assertThatThrownBy(() -> logstash.start(Map.of("a", "x", "b", "y")))
                .isInstanceOfSatisfying(PipelineRejectedException.class,
                        e -> assertThat(e.errors()).containsExactly(Map.entry("b", "Couldn't find any input plugin named 'nope'")));

        assertThat(fake.process.isAlive()).isTrue();
    }

    @Test
    void applyWithNothingChangedDoesNotSignalLogstash() throws Exception {
        fake.run("a", "a-1");
        logstash.start(Map.of("a", "x"));

        logstash.apply(Map.of("a", "x"));

        assertThat(fake.reloads).hasValue(0);
    }

    @Test
    void aReloadThatLogstashNeverShowsTimesOutNamingTheChangedPipeline() throws Exception {
        fake.run("a", "a-1");
        fake.run("b", "b-1");
        logstash.start(Map.of("a", "x", "b", "y"));

        assertThatThrownBy(() -> logstash.apply(Map.of("a", "x2", "b", "y")))
                .isInstanceOf(LogstashException.class)
                .hasMessageContaining("not yet (re)loaded: [a]")
                .hasMessageContaining("within PT1M of reloading");

        assertThat(fake.reloads).hasValue(1);
        assertThat(logstash.status()).isInstanceOf(LogstashStatus.Failed.class);
    }

    @Test
    void aPipelineNotConfirmedLastTimeIsReloadedAgainEvenIfUnchanged() throws Exception {
        fake.run("a", "a-1");
        logstash.start(Map.of("a", "x"));
        assertThatThrownBy(() -> logstash.apply(Map.of("a", "x2"))).isInstanceOf(LogstashException.class);
        fake.onReload = f -> f.run("a", "a-2");

        PipelineChanges changes = logstash.apply(Map.of("a", "x2"));

        assertThat(changes.isEmpty()).isTrue();
        assertThat(fake.reloads).hasValue(2);
        assertThat(logstash.status()).isInstanceOf(LogstashStatus.Ready.class);
    }

    @Test
    void aReloadIsDoneWhenTheChangedPipelineHasANewEphemeralIdAndTheRemovedOneIsGone() throws Exception {
        fake.run("a", "a-1");
        fake.run("b", "b-1");
        logstash.start(Map.of("a", "x", "b", "y"));
        fake.onReload = f -> {
            f.run("a", "a-2");
            f.running.remove("b");
        };

        PipelineChanges changes = logstash.apply(Map.of("a", "x2"));

        assertThat(changes.changed()).containsExactly("a");
        assertThat(changes.removed()).containsExactly("b");
        assertThat(logstash.status()).isInstanceOf(LogstashStatus.Ready.class);
    }

    @Test
    void aChangedPipelineWhoseReloadFailuresGrewIsRejectedWhileItsOldVersionRuns() throws Exception {
        fake.run("a", "a-1");
        fake.refuse("a", 3, "old error");
        logstash.start(Map.of("a", "x"));
        fake.onReload = f -> f.refuse("a", 4, "Cannot reload pipeline, because the existing pipeline is not reloadable");

        assertThatThrownBy(() -> logstash.apply(Map.of("a", "x2")))
                .isInstanceOfSatisfying(PipelineRejectedException.class,
                        e -> assertThat(e.errors().get("a")).startsWith("Cannot reload pipeline"));
    }

    @Test
    void aLogstashThatDiesWhileReloadingIsReportedAndRestarted() throws Exception {
        List<LogstashStatus> statuses = new CopyOnWriteArrayList<>();
        logstash.onStatus(statuses::add);
        fake.run("a", "a-1");
        logstash.start(Map.of("a", "x"));
        FakeLogstash.Process first = fake.process;
        fake.onReload = f -> first.exit.complete(1);

        assertThatThrownBy(() -> logstash.apply(Map.of("a", "x2")))
                .isInstanceOf(LogstashException.class)
                .hasMessageContaining("exited with code 1 while reloading");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> fake.launches.get() == 2 && logstash.status() instanceof LogstashStatus.Ready);
        assertThat(statuses).extracting(status -> status.getClass().getSimpleName())
                .containsExactly("Starting", "Ready", "Reloading", "Restarting", "Ready");
        assertThat(statuses.get(3)).isEqualTo(new LogstashStatus.Restarting(1, "Logstash (pid 4242) exited with code 1"));
        logstash.close(Duration.ofSeconds(1));
        assertThat(statuses.getLast()).isEqualTo(new LogstashStatus.Stopped());
    }
}
