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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.mesoslogstash.opensearch.OpenSearchNode;
import org.mesoslogstash.systemtest.cluster.Cluster;
import org.mesoslogstash.systemtest.cluster.SchedulerProcess;
import org.mesoslogstash.systemtest.faults.DeliveryCheck.ContainerFacts;
import org.mesoslogstash.systemtest.faults.DeliveryCheck.Outcome;
import org.mesoslogstash.systemtest.faults.DeliveryCheck.WrittenLine;

import tools.jackson.databind.JsonNode;

/**
 * The cluster the reliability ITs run their scenarios in: a real OpenSearch node (started while the
 * rest starts), the {@link Cluster} (ZooKeeper, the Mesos simulator with agents {@code a1..aN}, the
 * scheduler as a process with an operator {@value #USER}) whose executors write in direct mode into
 * the node, one index per agent and scenario ({@code mlt-flt-<agent host>-<scenario>}); checkpoints
 * live in each agent's work directory (the collector's {@code checkpointDir} is relative to the
 * sandbox), as they live on the agent's host path with DOCKER launches, so a relaunched executor
 * resumes where the last one stopped. The executors and the writers use this machine's Docker daemon,
 * or another one given to {@link #start(String, int, String, String)} (a private daemon a test may
 * restart). {@link #close()} writes the report and stops everything.
 */
final class ReliabilityCluster implements AutoCloseable {

    static final Duration WAIT = Duration.ofMinutes(2);
    static final Duration DELIVERY = Duration.ofMinutes(3);
    static final String USER = "olga";
    static final String RUN_LABEL = "mlt-flt-run";
    static final String SCENARIO_LABEL = "mlt-flt-scenario";
    private static final String PASSWORD = "flt-operator-pw";

    final String runId;
    private final String dockerHost;
    private final String reportName;
    private final List<String> agents;
    private final Path dir;
    private final ReliabilityReport report = new ReliabilityReport();
    private final List<LogWriter> writers = new ArrayList<>();
    private final OpenSearchNode node;
    private Cluster cluster;
    private SchedulerProcess scheduler;
    private OperatorApi api;
    private ExecutorMemory memory;
    private long version = 1;

    private ReliabilityCluster(String reportName, int agents, String dockerHost, String containerPrefix) throws IOException {
        this.runId = containerPrefix + UUID.randomUUID().toString().substring(0, 8);
        this.dockerHost = dockerHost;
        this.reportName = reportName;
        this.agents = IntStream.rangeClosed(1, agents).mapToObj(i -> "a" + i).toList();
        this.dir = Path.of("target", "reliability", runId).toAbsolutePath();
        this.node = new OpenSearchNode(dir.resolve("opensearch"));
    }

    /** Starts everything and waits until every agent runs its executor; figures go to {@code target/reliability/<reportName>.md/.json}. */
    static ReliabilityCluster start(String reportName, int agents) throws Exception {
        return start(reportName, agents, null, "mlt-flt-");
    }

    /**
     * As {@link #start(String, int)}, with the executors (the collector's {@code docker}) and the
     * writers on the Docker daemon at {@code dockerHost} (a {@code -H} value; null: this machine's),
     * and writer containers named {@code <containerPrefix><run>-<scenario>-<n>}.
     */
    static ReliabilityCluster start(String reportName, int agents, String dockerHost, String containerPrefix) throws Exception {
        ReliabilityCluster c = new ReliabilityCluster(reportName, agents, dockerHost, containerPrefix);
        try {
            c.startAll();
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        CompletableFuture<Duration> nodeUp = CompletableFuture.supplyAsync(() -> {
            try {
                return node.start(2, 10_000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        cluster = Cluster.start(dir, agents.size(), collectorConfig(), Map.of(), Map.of(
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
        String docker = dockerHost == null ? "" : "\"docker\": \"" + dockerHost + "\", ";
        return """
                {%s"checkpointDir": "../../../../../../checkpoints", "resyncSeconds": 2, "maxUnacknowledged": 1024,
                 "sink": {"type": "elasticsearch", "hosts": ["%s"], "index": "mlt-flt-%%{[host][name]}-%%{[container][labels][%s]}",
                          "maxBulkBytes": 1048576}}
                """.formatted(docker, node.uri(), SCENARIO_LABEL);
    }

    /** A configuration collecting these paths (and stdout/stderr if {@code console}) of the containers labelled {@code label=<run id>}. */
    String configuration(String label, List<String> paths, boolean console) {
        String pathList = paths.stream().map(p -> '"' + p + '"').collect(Collectors.joining(", "));
        return """
                # what the reliability test's containers write
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

    List<String> agents() {
        return agents;
    }

    Cluster cluster() {
        return cluster;
    }

    SchedulerProcess scheduler() {
        return scheduler;
    }

    /** kill -9 of the scheduler was done by the test: a new scheduler process, as Marathon would start one. */
    SchedulerProcess restartScheduler() {
        scheduler = cluster.startScheduler();
        return scheduler;
    }

    OperatorApi api() {
        return api;
    }

    OpenSearchNode node() {
        return node;
    }

    ReliabilityReport report() {
        return report;
    }

    /** The collector assignment version the executors are to run (from the last accepted change). */
    long version() {
        return version;
    }

    /** Takes the collector version of an accepted configuration change's answer. */
    void changed(OperatorApi.Answer answer) {
        version = answer.body().get("collectorVersion").asLong();
    }

    void awaitEveryAgentOn(long expectedVersion) {
        awaitEveryAgentOn(expectedVersion, agents.size());
    }

    void awaitEveryAgentOn(long expectedVersion, int live) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(cluster.liveExecutors()).hasSize(live);
            assertThat(cluster.everyAgentRunsOneExecutorWithVersion(expectedVersion))
                    .as("one RUNNING executor with version %d on every agent: %s", expectedVersion, cluster.liveExecutors()).isTrue();
            assertThat(scheduler.health()).hasValueSatisfying(h -> {
                assertThat(h.status()).isEqualTo(200);
                assertThat(h.reconciling()).isFalse();
                assertThat(h.agentsWithExecutor()).isEqualTo(live);
            });
        });
    }

    /** {@code containers} writers labelled for the "faults" configuration ({@value #RUN_LABEL}), with console, checked on every agent. */
    Scenario scenario(String id, String title, int containers, List<String> files, Duration period, long rounds) {
        return new Scenario(id, title, agents, containers, RUN_LABEL, files, true, period, rounds);
    }

    Scenario scenario(String id, String title, List<String> checkedAgents, int containers, String label, List<String> files, boolean console,
            Duration period, long rounds) {
        return new Scenario(id, title, checkedAgents, containers, label, files, console, period, rounds);
    }

    /** One scenario's containers, the agents that must store their lines, and the check. */
    final class Scenario {

        final String id;
        final String title;
        final List<String> checked;
        final long started = System.nanoTime();
        final List<LogWriter> writers = new ArrayList<>();
        private final long rounds;

        private Scenario(String id, String title, List<String> checked, int containers, String label, List<String> files, boolean console,
                Duration period, long rounds) {
            this.id = id;
            this.title = title;
            this.checked = checked;
            this.rounds = rounds;
            List<CompletableFuture<LogWriter>> starting = new ArrayList<>();
            ExecutorService docker = Executors.newFixedThreadPool(4);
            try {
                for (int i = 1; i <= containers; i++) {
                    String name = runId + "-" + id + "-" + i;
                    starting.add(CompletableFuture.supplyAsync(() -> LogWriter.start(dockerHost, name, Map.of(label, runId, SCENARIO_LABEL, id), files, console,
                            period, rounds), docker));
                }
                for (CompletableFuture<LogWriter> writer : starting) {
                    LogWriter started = writer.join();
                    ReliabilityCluster.this.writers.add(started);
                    this.writers.add(started);
                }
            } finally {
                docker.shutdown();
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

        /** Documents of this scenario in every checked agent's index so far. */
        long documents() {
            return checked.stream().mapToLong(a -> Math.max(0, node.count(index(a)))).sum();
        }

        /** Waits until every checked agent stored at least {@code each} documents of this scenario. */
        void awaitDocuments(long each) {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> checked.stream().allMatch(a -> node.count(index(a)) >= each));
        }

        /**
         * Stops the writers (a counted run: waits for its end), waits until every checked agent stored
         * every line (or {@link #DELIVERY} passed), records the figures and asserts that nothing was
         * lost, repeated, misplaced or mislabelled.
         */
        Outcome finish(String notes) {
            Map<String, ContainerFacts> facts = new LinkedHashMap<>();
            List<CompletableFuture<List<WrittenLine>>> reading = new ArrayList<>();
            ExecutorService docker = Executors.newFixedThreadPool(4);
            try {
                for (LogWriter writer : writers) {
                    facts.put(writer.facts().id(), writer.facts());
                    reading.add(CompletableFuture.supplyAsync(rounds > 0 ? writer::written : writer::stop, docker));
                }
            } finally {
                docker.shutdown();
            }
            List<WrittenLine> lines = reading.stream().flatMap(r -> r.join().stream()).toList();
            AtomicReference<Outcome> last = new AtomicReference<>(Outcome.NONE);
            try {
                await().atMost(DELIVERY).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    if (!checked.stream().allMatch(a -> node.count(index(a)) >= lines.size())) {
                        return false;
                    }
                    Outcome outcome = checked.stream().map(a -> DeliveryCheck.check(lines, facts, a + ".simulated", node.documents(index(a))))
                            .reduce(Outcome.NONE, Outcome::plus);
                    last.set(outcome);
                    return outcome.complete();
                });
            } catch (ConditionTimeoutException e) {
                // Not every line arrived in time: check what did, record it, and fail below.
                last.set(checked.stream().map(a -> DeliveryCheck.check(lines, facts, a + ".simulated",
                        node.count(index(a)) < 0 ? List.<JsonNode>of() : node.documents(index(a)))).reduce(Outcome.NONE, Outcome::plus));
            }
            Outcome outcome = last.get();
            report.add(new ReliabilityReport.Scenario(id, title, writers.size(), lines.size(), checked.size(), outcome, seconds(started), notes));
            LogWriter.removeAll(writers);
            ReliabilityCluster.this.writers.removeAll(writers);
            assertThat(outcome.written()).isEqualTo((long) lines.size() * checked.size());
            assertThat(outcome.lost()).as("lines lost: %s", outcome.examples()).isZero();
            assertThat(outcome.duplicated()).as("lines stored twice: %s", outcome.examples()).isZero();
            assertThat(outcome.misplaced()).as("file lines at the wrong offset: %s", outcome.examples()).isZero();
            assertThat(outcome.wrongMetadata()).as("documents with wrong metadata: %s", outcome.examples()).isZero();
            assertThat(outcome.unexpected()).as("documents nobody wrote: %s", outcome.examples()).isZero();
            return outcome;
        }
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    @Override
    public void close() throws Exception {
        try {
            LogWriter.removeAll(writers);
        } finally {
            try {
                if (memory != null) {
                    memory.close();
                    report.write(Path.of("target", "reliability").toAbsolutePath(), reportName, memory.peaks(), """
                            One cluster: ZooKeeper, the Mesos simulator with %d agent(s) (executors as real processes, -Xmx128m), \
                            the scheduler as a real process driven through its REST API, %s, one OpenSearch \
                            node (512 MiB heap, 1 shard per index) in direct mode. Every executor collects every container (the agents \
                            share one Docker daemon), each into its own index: documents expected = lines written x agents checked.\
                            """.formatted(agents.size(), dockerHost == null ? "this machine's Docker daemon"
                                    : "a private Docker daemon of the test's own (" + dockerHost + ")"));
                }
            } finally {
                try {
                    if (cluster != null) {
                        cluster.close();
                    }
                } finally {
                    node.close();
                    deleteTree(dir.resolve("opensearch"));
                }
            }
        }
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
