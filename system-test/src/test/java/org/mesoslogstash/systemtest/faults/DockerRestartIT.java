package org.mesoslogstash.systemtest.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mesoslogstash.systemtest.faults.ReliabilityCluster.WAIT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mesoslogstash.simulator.agent.SimulatedAgent.ExecutorView;
import org.mesoslogstash.systemtest.faults.OperatorApi.Answer;
import org.mesoslogstash.systemtest.faults.ReliabilityCluster.Scenario;
import org.mesoslogstash.testsupport.PrivateDockerDaemon;

/**
 * The Docker daemon restarts under a running executor (issue 7): a {@link ReliabilityCluster} of one
 * agent whose executor (a real process) and writers use a private Docker daemon of the test's own,
 * started with {@code --live-restore} so that the writers keep running while it is down. While they
 * write files and stdout/stderr, the daemon is stopped (SIGTERM) and started again, then killed
 * ({@code kill -9}) and started again. Each time the executor's exec and log streams break; the same
 * executor process must reconnect, resume every stream from its checkpoint, and every line must
 * arrive exactly once. The machine's shared daemon is never touched. Figures go to
 * {@code target/reliability/report-docker-restart.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerRestartIT {

    private static final String LABEL = "mlt-drs";
    private static final List<String> FILES = List.of("/tmp/app.log", "/tmp/second.log");
    private static final Duration PERIOD = Duration.ofMillis(100);
    /** Documents stored after a fault before the next one, to be sure collection resumed in between. */
    private static final long PROGRESS = 300;

    private PrivateDockerDaemon daemon;
    private ReliabilityCluster rc;

    @BeforeAll
    void startDaemonAndCluster() throws Exception {
        daemon = PrivateDockerDaemon.create("drs", List.of("--live-restore"));
        daemon.start();
        daemon.loadImage(LogWriter.IMAGE);
        rc = ReliabilityCluster.start("report-docker-restart", 1, daemon.host(), "mlt-drs-");
    }

    @AfterAll
    void stopClusterAndDaemon() throws Exception {
        try {
            if (rc != null) {
                rc.close();
            }
        } finally {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    @Test
    void everyLineArrivesOnceAcrossADaemonRestartAndADaemonCrash() throws IOException {
        Answer put = rc.api().putConfiguration("docker-restart", rc.configuration(LABEL, FILES, true));
        assertThat(put.status()).as("PUT answered %s", put.body()).isEqualTo(201);
        rc.changed(put);
        rc.awaitEveryAgentOn(rc.version());
        Map<String, List<Long>> executors = rc.cluster().executorPids();

        Scenario run = rc.scenario("j", "Docker daemon restarted (SIGTERM), then killed (-9)", rc.agents(), 2, LABEL, FILES, true, PERIOD, 0);
        List<String> ids = run.writers.stream().map(w -> w.facts().id()).toList();
        run.awaitDocuments(PROGRESS);
        String startedAt = startedAt(ids);
        List<String> notes = new ArrayList<>();

        long before = run.documents();
        long down = System.nanoTime();
        daemon.stop();
        daemon.start();
        notes.add("SIGTERM at %d documents, down %.1f s".formatted(before, ReliabilityCluster.seconds(down)));
        assertThat(startedAt(ids)).as("live-restore: the writers kept running across the restart").isEqualTo(startedAt);
        run.awaitDocuments(before + PROGRESS);

        before = run.documents();
        down = System.nanoTime();
        daemon.kill();
        daemon.start();
        notes.add("kill -9 at %d documents, down %.1f s".formatted(before, ReliabilityCluster.seconds(down)));
        assertThat(startedAt(ids)).as("live-restore: the writers kept running across the crash").isEqualTo(startedAt);
        run.awaitDocuments(before + PROGRESS);

        await().atMost(WAIT).untilAsserted(() -> assertThat(rc.cluster().executorPids())
                .as("the same executor process reconnected; none was relaunched").isEqualTo(executors));
        notes.add("same executor process, writers never restarted (--live-restore)");
        run.finish(String.join("; ", notes));
        assertEveryFileStreamResumedTwice(run);
    }

    /** Each fault broke every file stream; the executor's log says it followed each again from a checkpoint, not from 0. */
    private void assertEveryFileStreamResumedTwice(Scenario run) throws IOException {
        ExecutorView executor = rc.cluster().liveExecutors().get(rc.agents().get(0)).get(0);
        StringBuilder log = new StringBuilder();
        for (String file : List.of("stdout", "stderr")) {
            Path path = executor.sandbox().resolve(file);
            if (Files.exists(path)) {
                log.append(Files.readString(path));
            }
        }
        for (LogWriter writer : run.writers) {
            for (String file : FILES) {
                String stream = writer.facts().id().substring(0, 12) + ":" + file;
                Matcher resumed = Pattern.compile(Pattern.quote(stream) + ": following inode \\d+ from offset [1-9]").matcher(log);
                assertThat(resumed.results().count()).as("%s followed again from a checkpoint after each fault", stream)
                        .isGreaterThanOrEqualTo(2);
            }
        }
    }

    /** The start times of the containers, which change if Docker restarted one. */
    private String startedAt(List<String> ids) {
        List<String> args = new ArrayList<>(List.of("inspect", "--format", "{{.State.Running}} {{.State.StartedAt}}"));
        args.addAll(ids);
        return daemon.docker(args.toArray(String[]::new));
    }
}
