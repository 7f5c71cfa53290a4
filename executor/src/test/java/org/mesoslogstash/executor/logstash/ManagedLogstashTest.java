package org.mesoslogstash.executor.logstash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.retry.Sleeper;

/** ManagedLogstash against {@link StandInLogstash}, a real child process that behaves like Logstash's CLI and API. */
class ManagedLogstashTest {

    private static final String A = "input { generator { lines => [\"a\"] } } output { stdout {} }";
    private static final String B = "input { generator { lines => [\"b\"] } } output { stdout {} }";
    private static final Duration STOP = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private Path home;
    private LogstashSettings settings;
    private final ThreadFactory threads = Thread.ofVirtual().name("logstash-test-", 0).factory();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    /** Records the restart waits, and waits them: the stand-in has to be really dead and really restarted. */
    private final Sleeper sleeper = duration -> {
        if (duration.compareTo(Duration.ofMillis(100)) >= 0) {
            waits.add(duration);
        }
        Thread.sleep(duration);
    };
    private final List<ManagedLogstash> managers = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        home = StandInLogstashHome.create(dir);
        settings = settings(home);
    }

    @AfterEach
    void tearDown() {
        managers.forEach(m -> m.close(Duration.ofSeconds(2)));
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void startRunsEveryPipelineInOneLogstashAndReportsReady() throws Exception {
        ManagedLogstash logstash = manager(settings);

        logstash.start(Map.of("a", A, "b", B));

        assertThat(logstash.status()).isEqualTo(new LogstashStatus.Ready(new java.util.TreeSet<>(List.of("a", "b"))));
        assertThat(logstash.stats()).containsOnlyKeys("a", "b");
        ProcessHandle process = ProcessHandle.of(pid(logstash)).orElseThrow();
        assertThat(process.info().commandLine().orElse("")).contains("-Xmx64m", "--path.settings " + settings.settingsDir());
    }

    @Test
    void statsGiveEventsPersistentQueueAndReloadFiguresPerPipeline() throws Exception {
        ManagedLogstash logstash = manager(settings);
        logstash.start(Map.of("a", A));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logstash.stats().get("a").eventsIn()).isPositive());

        PipelineStats a = logstash.stats().get("a");
        assertThat(a.queueType()).isEqualTo("persisted");
        assertThat(a.queueBytes()).isPositive();
        assertThat(a.reloadSuccesses()).isZero();
        assertThat(a.lastError()).isEmpty();
        assertThat(settings.dataDir().resolve("queue").resolve("a")).isDirectory();
    }

    @Test
    void applyReloadsOnlyTheChangedPipeline() throws Exception {
        ManagedLogstash logstash = manager(settings);
        logstash.start(Map.of("a", A, "b", B));
        PipelineStats aBefore = logstash.stats().get("a");
        PipelineStats bBefore = logstash.stats().get("b");

        PipelineChanges changes = logstash.apply(Map.of("a", A + " # v2", "b", B));

        assertThat(changes.changed()).containsExactly("a");
        assertThat(changes.unchanged()).containsExactly("b");
        PipelineStats aAfter = logstash.stats().get("a");
        PipelineStats bAfter = logstash.stats().get("b");
        assertThat(aAfter.reloadSuccesses()).isEqualTo(aBefore.reloadSuccesses() + 1);
        assertThat(aAfter.ephemeralId()).isNotEqualTo(aBefore.ephemeralId());
        assertThat(bAfter.reloadSuccesses()).isEqualTo(bBefore.reloadSuccesses());
        assertThat(bAfter.ephemeralId()).isEqualTo(bBefore.ephemeralId());
        assertThat(logstash.status()).isInstanceOf(LogstashStatus.Ready.class);
    }

    @Test
    void applyStartsAddedAndStopsRemovedPipelinesWithoutTouchingTheOthers() throws Exception {
        ManagedLogstash logstash = manager(settings);
        logstash.start(Map.of("a", A, "b", B));
        String aId = logstash.stats().get("a").ephemeralId();

        PipelineChanges changes = logstash.apply(Map.of("a", A, "c", B));

        assertThat(changes.added()).containsExactly("c");
        assertThat(changes.removed()).containsExactly("b");
        assertThat(logstash.stats()).containsOnlyKeys("a", "c");
        assertThat(logstash.stats().get("a").ephemeralId()).isEqualTo(aId);
        assertThat(logstash.status()).isEqualTo(new LogstashStatus.Ready(new java.util.TreeSet<>(List.of("a", "c"))));
    }

    @Test
    void applyingTheSamePipelinesDoesNotReloadLogstash() throws Exception {
        ManagedLogstash logstash = manager(settings);
        logstash.start(Map.of("a", A));
        String aId = logstash.stats().get("a").ephemeralId();

        PipelineChanges changes = logstash.apply(Map.of("a", A));

        assertThat(changes.isEmpty()).isTrue();
        assertThat(Files.readString(settings.logsDir().resolve(OsLogstashLauncher.CONSOLE_LOG))).doesNotContain("SIGHUP");
        assertThat(logstash.stats().get("a").ephemeralId()).isEqualTo(aId);
    }

    @Test
    void aRejectedChangeIsReportedWithLogstashsMessageWhileTheOldVersionAndTheOthersRun() throws Exception {
        ManagedLogstash logstash = manager(settings);
        logstash.start(Map.of("a", A, "b", B));
        String aId = logstash.stats().get("a").ephemeralId();

        assertThatThrownBy(() -> logstash.apply(Map.of("a", "input {\n  generator standin-syntax-error", "b", B + " # v2")))
                .isInstanceOfSatisfying(PipelineRejectedException.class, e -> {
                    assertThat(e.errors()).containsOnlyKeys("a");
                    assertThat(e.errors().get("a")).startsWith("Expected one of").contains("line 2, column 13");
                });

        assertThat(logstash.status()).isInstanceOfSatisfying(LogstashStatus.Failed.class,
                f -> assertThat(f.reason()).contains("Logstash rejected pipeline 'a': Expected one of"));
        PipelineStats a = logstash.stats().get("a");
        assertThat(a.ephemeralId()).isEqualTo(aId);
        assertThat(a.reloadFailures()).isEqualTo(1);
        assertThat(logstash.stats().get("b").reloadSuccesses()).isEqualTo(1);
    }

    @Test
    void aRejectedPipelineIsTriedAgainAtTheNextApplyAndAFixClearsTheFailure() throws Exception {
        ManagedLogstash logstash = manager(settings);
        logstash.start(Map.of("a", A));
        Map<String, String> broken = Map.of("a", "input { standin-syntax-error }");
        assertThatThrownBy(() -> logstash.apply(broken)).isInstanceOf(PipelineRejectedException.class);

        assertThatThrownBy(() -> logstash.apply(broken)).isInstanceOf(PipelineRejectedException.class);
        assertThat(logstash.stats().get("a").reloadFailures()).isEqualTo(2);

        logstash.apply(Map.of("a", A + " # fixed"));
        assertThat(logstash.status()).isInstanceOf(LogstashStatus.Ready.class);
        assertThat(logstash.stats().get("a").reloadSuccesses()).isEqualTo(1);
    }

    @Test
    void aPipelineRejectedAtStartIsReportedAndTheOthersRun() throws Exception {
        ManagedLogstash logstash = manager(settings);

        assertThatThrownBy(() -> logstash.start(Map.of("a", A, "bad", "output { standin-syntax-error }")))
                .isInstanceOfSatisfying(PipelineRejectedException.class, e -> assertThat(e.errors()).containsOnlyKeys("bad"));

        assertThat(logstash.status()).isInstanceOf(LogstashStatus.Failed.class);
        assertThat(logstash.stats().get("a").eventsIn()).isNotNegative();
        assertThat(ProcessHandle.of(pid(logstash))).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
    }

    @Test
    void aLogstashThatDiesIsRestartedAfterTheBackoffAndRunsItsPipelinesAgain() throws Exception {
        ManagedLogstash logstash = manager(settings);
        logstash.start(Map.of("a", A, "b", B));
        long firstPid = pid(logstash);
        List<LogstashStatus> statuses = new CopyOnWriteArrayList<>();
        logstash.onStatus(statuses::add);

        Files.createFile(settings.dataDir().resolve(StandInLogstash.CRASH_FILE));

        // The status changes before its listeners hear of it: wait for the listener's second call.
        await().atMost(Duration.ofSeconds(30)).until(() -> statuses.size() >= 2 && logstash.status() instanceof LogstashStatus.Ready);
        assertThat(statuses).hasSize(2);
        assertThat(statuses.getFirst()).isInstanceOfSatisfying(LogstashStatus.Restarting.class, r -> {
            assertThat(r.attempt()).isEqualTo(1);
            assertThat(r.reason()).isEqualTo("Logstash (pid " + firstPid + ") exited with code 1");
        });
        assertThat(pid(logstash)).isNotEqualTo(firstPid);
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(logstash.stats()).containsOnlyKeys("a", "b");
        assertThat(waits).containsExactly(settings.restartBackoff().delay(1));
    }

    @Test
    void failedRestartsWaitLongerEachTime() throws Exception {
        AtomicInteger launches = new AtomicInteger();
        OsLogstashLauncher real = new OsLogstashLauncher(threads);
        LogstashLauncher failingTwiceAfterTheFirst = s -> {
            int n = launches.incrementAndGet();
            if (n == 2 || n == 3) {
                throw new LogstashException("launch " + n + " refused by the test");
            }
            return real.launch(s);
        };
        ManagedLogstash logstash = new ManagedLogstash(settings, failingTwiceAfterTheFirst, HttpLogstashApi.forSettings(settings),
                Clock.systemUTC(), sleeper, threads);
        managers.add(logstash);
        logstash.start(Map.of("a", A));

        Files.createFile(settings.dataDir().resolve(StandInLogstash.CRASH_FILE));

        await().atMost(Duration.ofSeconds(30)).until(() -> launches.get() == 4 && logstash.status() instanceof LogstashStatus.Ready);
        Backoff backoff = settings.restartBackoff();
        assertThat(waits).containsExactly(backoff.delay(1), backoff.delay(2), backoff.delay(3));
    }

    @Test
    void applyWritesTheFilesWhileLogstashIsRestartingAndTheRestartLoadsThem() throws Exception {
        LogstashSettings slowRestart = settings.withRestartBackoff(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        ManagedLogstash logstash = manager(slowRestart);
        logstash.start(Map.of("a", A));
        Files.createFile(settings.dataDir().resolve(StandInLogstash.CRASH_FILE));
        await().atMost(Duration.ofSeconds(5)).until(() -> logstash.status() instanceof LogstashStatus.Restarting);

        assertThatThrownBy(() -> logstash.apply(Map.of("a", A, "b", B)))
                .isInstanceOf(LogstashException.class).hasMessageContaining("not running").hasMessageContaining("added [b]");

        await().atMost(Duration.ofSeconds(30)).until(() -> logstash.status() instanceof LogstashStatus.Ready);
        assertThat(logstash.stats()).containsOnlyKeys("a", "b");
    }

    @Test
    void closeStopsLogstashAndLeavesNoProcess() throws Exception {
        ManagedLogstash logstash = manager(settings);
        logstash.start(Map.of("a", A));
        long pid = pid(logstash);

        logstash.close(STOP);

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(logstash.status()).isEqualTo(new LogstashStatus.Stopped());
        assertThat(Files.readString(settings.logsDir().resolve(OsLogstashLauncher.CONSOLE_LOG))).contains("Logstash shut down.");
    }

    @Test
    void closeKillsALogstashThatIgnoresSigterm() throws Exception {
        Files.createDirectories(settings.dataDir());
        Files.createFile(settings.dataDir().resolve(StandInLogstash.IGNORE_SIGTERM_FILE));
        ManagedLogstash logstash = manager(settings);
        logstash.start(Map.of("a", A));
        long pid = pid(logstash);

        logstash.close(Duration.ofMillis(500));

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(Files.readString(settings.logsDir().resolve(OsLogstashLauncher.CONSOLE_LOG))).contains("SIGTERM received and ignored");
    }

    @Test
    void anInvalidPipelineIdIsRefusedBeforeLogstashStartsAndStartCanBeCalledAgain() throws Exception {
        ManagedLogstash logstash = manager(settings);

        assertThatThrownBy(() -> logstash.start(Map.of("Web", A))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Web'");
        assertThat(logstash.status()).isEqualTo(new LogstashStatus.Stopped());

        logstash.start(Map.of("web", A));
        assertThat(logstash.status()).isInstanceOf(LogstashStatus.Ready.class);
    }

    @Test
    void aMissingLogstashFailsWithWhatToSet() {
        LogstashSettings missing = settings.withHome(dir.resolve("no-logstash"));
        ManagedLogstash logstash = manager(missing);

        assertThatThrownBy(() -> logstash.start(Map.of("a", A)))
                .isInstanceOf(LogstashException.class)
                .hasMessageStartingWith("Logstash not found at " + missing.executable() + "; set MESOS_LOGSTASH_LOGSTASH_HOME");
        assertThat(logstash.status()).isInstanceOfSatisfying(LogstashStatus.Failed.class,
                f -> assertThat(f.reason()).startsWith("Logstash not found at"));
    }

    @Test
    void aLogstashThatExitsWhileStartingIsReportedWithItsExitCodeAndOutput() throws Exception {
        writeScript("echo '[FATAL][logstash.runner] An unexpected error occurred! bad setting'\nexit 7\n");
        ManagedLogstash logstash = manager(settings);

        assertThatThrownBy(() -> logstash.start(Map.of("a", A)))
                .isInstanceOf(LogstashException.class)
                .hasMessageContaining("exited with code 7 while starting")
                .hasMessageContaining("An unexpected error occurred! bad setting");
        assertThat(logstash.status()).isInstanceOf(LogstashStatus.Failed.class);
    }

    @Test
    void aLogstashThatNeverGetsReadyIsKilledAfterTheStartupTimeout() throws Exception {
        writeScript("echo 'starting slowly'\nexec sleep 600\n");
        LogstashSettings quick = settings.withTimeouts(Duration.ofSeconds(2), settings.reloadTimeout(), settings.pollInterval());
        ManagedLogstash logstash = manager(quick);

        assertThatThrownBy(() -> logstash.start(Map.of("a", A)))
                .isInstanceOf(LogstashException.class)
                .hasMessageContaining("did not run pipelines [a] within PT2S")
                .hasMessageContaining("starting slowly");
        long pid = Long.parseLong(Files.readString(settings.workDir().resolve(OsLogstashLauncher.PID_FILE)).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void aLogstashLeftRunningByAPreviousExecutorIsStoppedBeforeANewOneStarts() throws Exception {
        new LogstashFiles(settings).write(Map.of("a", A));
        LogstashProcess previous = new OsLogstashLauncher(threads).launch(settings);
        long leftover = previous.pid();
        pids.add(leftover);

        ManagedLogstash next = manager(settings);
        next.start(Map.of("a", A));

        assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(next.status()).isInstanceOf(LogstashStatus.Ready.class);
    }

    private LogstashSettings settings(Path logstashHome) throws IOException {
        LogstashSettings d = LogstashSettings.defaults(dir.resolve("work"));
        return new LogstashSettings(logstashHome, d.workDir(), "127.0.0.1", StandInLogstashHome.freePort(), "64m", "persisted", "64mb",
                1, 125, Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofMillis(50),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    private ManagedLogstash manager(LogstashSettings s) {
        ManagedLogstash logstash = new ManagedLogstash(s, new OsLogstashLauncher(threads), HttpLogstashApi.forSettings(s),
                Clock.systemUTC(), sleeper, threads);
        managers.add(logstash);
        return logstash;
    }

    private long pid(ManagedLogstash logstash) {
        long pid = logstash.pid().orElseThrow();
        pids.add(pid);
        return pid;
    }

    private void writeScript(String body) throws IOException {
        Path bin = home.resolve("bin").resolve("logstash");
        Files.writeString(bin, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
