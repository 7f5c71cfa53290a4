package org.mesoslogstash.systemtest.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.mesoslogstash.config.distribution.AppliedConfiguration;
import org.mesoslogstash.simulator.AgentSpec;
import org.mesoslogstash.simulator.MesosSimulator;
import org.mesoslogstash.simulator.SimulatorConfig;
import org.mesoslogstash.simulator.agent.SimulatedAgent;
import org.mesoslogstash.simulator.agent.SimulatedAgent.ExecutorView;

/**
 * The whole system on this machine: a ZooKeeper (Curator's TestingServer), the Mesos simulator with
 * its leader registered there, the scheduler as a child process finding the master through
 * ZooKeeper, and executors launched by the simulated agents as real {@code java -jar} processes that
 * collect from this machine's Docker daemon. Every executor writes what it collects to
 * {@value #SINK_FILE} in its own sandbox (the collector configuration names it relative to the
 * working directory, which is the sandbox). {@link #close()} stops every process it started.
 * Other system tests ({@code org.mesoslogstash.systemtest.faults}) start it with a collector
 * configuration and scheduler options of their own.
 */
public final class Cluster implements AutoCloseable {

    static final String SINK_FILE = "collected.jsonl";
    static final String ZK_STATE_PATH = "/mesos-logstash";
    /** The label that selects this test's containers (value: the test's id). */
    static final String LABEL = "mlt-cluster-test";

    private final Path dir;
    private final TestingServer zooKeeper;
    private final CuratorFramework zk;
    private final MesosSimulator simulator;
    private final Map<String, String> schedulerOptions;
    private final List<SchedulerProcess> schedulers = new ArrayList<>();

    private Cluster(Path dir, TestingServer zooKeeper, CuratorFramework zk, MesosSimulator simulator, Map<String, String> schedulerOptions) {
        this.dir = dir;
        this.zooKeeper = zooKeeper;
        this.zk = zk;
        this.simulator = simulator;
        this.schedulerOptions = schedulerOptions;
    }

    /** ZooKeeper, then the simulator with agents {@code a1..aN}; the scheduler is started by {@link #startScheduler()}. */
    static Cluster start(Path dir, String testId, int agents) throws Exception {
        return start(dir, testId, agents, Map.of());
    }

    /** As {@link #start(Path, String, int)}, the scheduler given these configurations (name to text) as {@code <name>.conf} files. */
    static Cluster start(Path dir, String testId, int agents, Map<String, String> configurations) throws Exception {
        return start(dir, agents, collectorConfig(testId), configurations, Map.of());
    }

    /**
     * ZooKeeper, then the simulator with agents {@code a1..aN} (host names {@code aN.simulated}); the
     * scheduler, started by {@link #startScheduler()}, gets {@code collectorConfig} as its collector
     * configuration, {@code configurations} (name to text) as {@code <name>.conf} files, and
     * {@code extraOptions} on top of the options this class sets ({@code MESOS_LOGSTASH_*} environment variables).
     */
    public static Cluster start(Path dir, int agents, String collectorConfig, Map<String, String> configurations,
            Map<String, String> extraOptions) throws Exception {
        Files.createDirectories(dir);
        Path configurationDir = Files.createDirectories(dir.resolve("configurations"));
        for (Map.Entry<String, String> configuration : configurations.entrySet()) {
            Files.writeString(configurationDir.resolve(configuration.getKey() + ".conf"), configuration.getValue());
        }
        TestingServer zooKeeper = new TestingServer(true);
        CuratorFramework zk = null;
        MesosSimulator simulator = null;
        try {
            zk = CuratorFrameworkFactory.newClient(zooKeeper.getConnectString(), 10_000, 5_000, new RetryOneTime(100));
            zk.start();
            List<AgentSpec> specs = new ArrayList<>();
            for (int i = 1; i <= agents; i++) {
                specs.add(AgentSpec.standard("a" + i));
            }
            simulator = MesosSimulator.start(SimulatorConfig.fast(specs, dir.resolve("mesos")).withZooKeeper(zooKeeper.getConnectString(), "/mesos"));
            Path collectorConfigFile = Files.writeString(dir.resolve("collector.json"), collectorConfig);
            Map<String, String> options = new LinkedHashMap<>();
            options.put("MESOS_LOGSTASH_MASTER", "zk://" + zooKeeper.getConnectString() + "/mesos");
            options.put("MESOS_LOGSTASH_ZK_PATH", ZK_STATE_PATH);
            options.put("MESOS_LOGSTASH_FRAMEWORK_NAME", "mesos-logstash-cluster-it");
            options.put("MESOS_LOGSTASH_FAILOVER_TIMEOUT", "10m");
            options.put("MESOS_LOGSTASH_REFUSE_SECONDS", "1");
            options.put("MESOS_LOGSTASH_RECONCILIATION_TIMEOUT", "3s");
            options.put("MESOS_LOGSTASH_RECONCILIATION_INTERVAL", "30s");
            options.put("MESOS_LOGSTASH_RELAUNCH_BACKOFF_INITIAL", "1s");
            options.put("MESOS_LOGSTASH_RELAUNCH_BACKOFF_MAX", "2s");
            options.put("MESOS_LOGSTASH_EXECUTOR_LAUNCH", "COMMAND");
            options.put("MESOS_LOGSTASH_EXECUTOR_COMMAND", "exec " + BuiltJars.java()
                    + " -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar " + BuiltJars.executorJar());
            options.put("MESOS_LOGSTASH_COLLECTOR_CONFIG", collectorConfigFile.toString());
            options.put("MESOS_LOGSTASH_CONFIGURATIONS", configurationDir.toString());
            options.putAll(extraOptions);
            return new Cluster(dir, zooKeeper, zk, simulator, Map.copyOf(options));
        } catch (Exception | Error e) {
            for (AutoCloseable c : new AutoCloseable[] {simulator, zk, zooKeeper}) {
                if (c != null) {
                    c.close();
                }
            }
            throw e;
        }
    }

    /** Console of the containers labelled for this test only, to {@value #SINK_FILE} in the sandbox. */
    static String collectorConfig(String testId) {
        return collectorConfig(testId, List.of());
    }

    /** As {@link #collectorConfig(String)}, and also these files inside the labelled containers. */
    static String collectorConfig(String testId, List<String> files) {
        String fileList = files.stream().map(f -> '"' + f + '"').collect(java.util.stream.Collectors.joining(", "));
        return """
                {
                  "checkpointDir": "checkpoints",
                  "resyncSeconds": 2,
                  "sink": {"type": "jsonlines", "file": "%s"},
                  "collect": [{"name": "cluster-it", "match": {"labels": {"%s": "%s"}}, "console": true, "files": [%s]}]
                }
                """.formatted(SINK_FILE, LABEL, testId, fileList);
    }

    /**
     * Replaces the collector configuration that schedulers started from now on are given, as an
     * operator changes the application's environment in Marathon; running schedulers do not see it.
     */
    void changeCollectorConfig(String json) throws IOException {
        Files.writeString(Path.of(schedulerOptions.get("MESOS_LOGSTASH_COLLECTOR_CONFIG")), json);
    }

    /** Starts a scheduler process (again, after a kill), logging to {@code scheduler-<n>.log}. */
    public SchedulerProcess startScheduler() {
        SchedulerProcess scheduler = SchedulerProcess.start(schedulerOptions, dir.resolve("scheduler-" + (schedulers.size() + 1) + ".log"));
        schedulers.add(scheduler);
        return scheduler;
    }

    /** The agent's work directory (sandboxes under it); it outlives the agent's executors, as a real agent's does. */
    public Path agentWorkDir(String agentId) {
        return dir.resolve("mesos").resolve("slaves").resolve(agentId);
    }

    public MesosSimulator simulator() {
        return simulator;
    }

    /** The framework id the scheduler stored in ZooKeeper, if any. */
    public Optional<String> storedFrameworkId() throws Exception {
        String path = ZK_STATE_PATH + "/framework-id";
        if (zk.checkExists().forPath(path) == null) {
            return Optional.empty();
        }
        return Optional.of(new String(zk.getData().forPath(path), StandardCharsets.UTF_8));
    }

    /** Executors whose process is alive, per agent id (every agent listed, even without any). */
    public Map<String, List<ExecutorView>> liveExecutors() {
        Map<String, List<ExecutorView>> byAgent = new LinkedHashMap<>();
        for (SimulatedAgent agent : simulator.agents()) {
            byAgent.put(agent.id().getValue(), agent.executors().stream().filter(e -> e.process().isAlive()).toList());
        }
        return byAgent;
    }

    /** The master's latest status of the task an executor runs (the scheduler names executors "executor.<task id>"). */
    public Optional<TaskStatus> taskOf(ExecutorView executor) {
        String taskId = executor.executorId().getValue().substring("executor.".length());
        return simulator.master().taskStatuses().stream().filter(s -> s.getTaskId().getValue().equals(taskId)).findFirst();
    }

    /**
     * Every agent has exactly one live executor whose task the master last saw TASK_RUNNING with
     * configuration version {@code version} applied.
     */
    public boolean everyAgentRunsOneExecutorWithVersion(long version) {
        return liveExecutors().values().stream().allMatch(executors -> executors.size() == 1 && taskOf(executors.get(0))
                .filter(s -> s.getState() == TaskState.TASK_RUNNING)
                .filter(s -> AppliedConfiguration.appliedVersion(s).equals(OptionalLong.of(version)))
                .isPresent());
    }

    /** The process ids of the live executors, per agent. */
    public Map<String, List<Long>> executorPids() {
        Map<String, List<Long>> pids = new LinkedHashMap<>();
        liveExecutors().forEach((agent, executors) -> pids.put(agent, executors.stream().map(e -> e.process().pid()).toList()));
        return pids;
    }

    /** Lines collected into the executor's sink file so far. */
    static List<String> collected(ExecutorView executor) {
        Path file = executor.sandbox().resolve(SINK_FILE);
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (SchedulerProcess scheduler : schedulers) {
            scheduler.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {simulator, zk, zooKeeper}) {
            c.close();
        }
    }
}
