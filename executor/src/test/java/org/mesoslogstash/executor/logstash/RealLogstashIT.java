package org.mesoslogstash.executor.logstash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.retry.Backoff;

/**
 * ManagedLogstash against a real Logstash (8.x): {@code LOGSTASH_HOME=/path/to/logstash bin/mvn -o -pl executor
 * verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RealLogstashIT}. Skipped without LOGSTASH_HOME.
 */
class RealLogstashIT {

    // generator with count => 0 never ends (a pipeline whose input ends is finished, and Logstash stops
    // when all are); the sleep filter keeps it to ~10 events a second on a shared machine.
    private static final String A = """
            input { generator { lines => ["a"] count => 0 } }
            filter { sleep { time => "1" every => 10 } }
            output { stdout { codec => dots } }
            """;
    private static final String B = A.replace("\"a\"", "\"b\"");

    @TempDir
    Path dir;
    private ManagedLogstash logstash;
    private LogstashSettings settings;

    @BeforeEach
    void setUp() throws IOException {
        String home = System.getenv("LOGSTASH_HOME");
        Assumptions.assumeTrue(home != null && !home.isBlank(), "skipped: set LOGSTASH_HOME to a Logstash installation to run it");
        LogstashSettings defaults = LogstashSettings.defaults(dir.resolve("work"));
        settings = new LogstashSettings(Path.of(home).toAbsolutePath(), defaults.workDir(), "127.0.0.1", StandInLogstashHome.freePort(),
                "512m", "persisted", "64mb", 1, 125, Duration.ofMinutes(3), Duration.ofMinutes(1), Duration.ofMillis(500),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)));
        logstash = ManagedLogstash.create(settings, Clock.systemUTC(), Thread.ofVirtual().name("real-logstash-", 0).factory());
    }

    @AfterEach
    void tearDown() {
        if (logstash != null) {
            logstash.close(Duration.ofSeconds(60));
        }
    }

    @Test
    void twoPipelinesRunAndOnlyTheChangedOneIsReloaded() throws Exception {
        logstash.start(Map.of("a", A, "b", B));
        assertThat(logstash.status()).isInstanceOf(LogstashStatus.Ready.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(logstash.stats().get("a").eventsIn()).isPositive());
        PipelineStats aBefore = logstash.stats().get("a");
        PipelineStats bBefore = logstash.stats().get("b");
        assertThat(aBefore.queueType()).isEqualTo("persisted");

        PipelineChanges changes = logstash.apply(Map.of("a", A.replace("\"a\"", "\"a2\""), "b", B));

        assertThat(changes.changed()).containsExactly("a");
        PipelineStats aAfter = logstash.stats().get("a");
        PipelineStats bAfter = logstash.stats().get("b");
        assertThat(aAfter.reloadSuccesses()).isEqualTo(aBefore.reloadSuccesses() + 1);
        assertThat(aAfter.ephemeralId()).isNotEqualTo(aBefore.ephemeralId());
        assertThat(bAfter.reloadSuccesses()).isEqualTo(bBefore.reloadSuccesses());
        assertThat(bAfter.ephemeralId()).isEqualTo(bBefore.ephemeralId());
    }

    @Test
    void aPipelineWithASyntaxErrorIsRejectedWithLogstashsMessage() throws Exception {
        logstash.start(Map.of("a", A, "b", B));

        assertThatThrownBy(() -> logstash.apply(Map.of("a", "input { generator { lines => [\"a\"] } ", "b", B)))
                .isInstanceOfSatisfying(PipelineRejectedException.class, e -> assertThat(e.errors()).containsOnlyKeys("a"));

        assertThat(logstash.stats().get("b").reloadFailures()).isZero();
    }
}
