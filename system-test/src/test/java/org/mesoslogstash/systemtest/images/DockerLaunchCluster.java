package org.mesoslogstash.systemtest.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.mesoslogstash.simulator.AgentSpec;
import org.mesoslogstash.simulator.DockerSettings;
import org.mesoslogstash.simulator.MesosSimulator;
import org.mesoslogstash.simulator.SimulatorConfig;
import org.mesoslogstash.simulator.agent.SimulatedAgent.ExecutorView;
import org.mesoslogstash.systemtest.cluster.SchedulerProcess;
import org.mesoslogstash.testsupport.DockerCommand;

/**
 * ZooKeeper, the Mesos simulator with one agent that runs DOCKER executors as the Docker
 * containerizer does (containers named {@code <prefix>mesos-<container id>}), and the scheduler as a
 * process with {@code MESOS_LOGSTASH_EXECUTOR_LAUNCH=DOCKER} and the executor image built for the
 * tests. The collector settings collect the console of containers labelled {@value #LABEL}={@code
 * <test id>} into {@value #SINK_FILE} in the sandbox, as the container sees it
 * ({@code /mnt/mesos/sandbox}), and keep checkpoints in the host directory the launch mounts.
 * {@link #close()} stops everything and removes the containers this cluster's prefix names.
 */
final class DockerLaunchCluster implements AutoCloseable {

    static final String LABEL = "mlt-img-test";
    static final String SINK_FILE = "collected.jsonl";
    /** An operator of the scheduler's HTTP interface (MESOS_LOGSTASH_USERS), for the teardown. */
    static final String OPERATOR = "it";
    static final String OPERATOR_PASSWORD = "it-secret";

    private final String testId;
    private final Path checkpointHostDir;
    private final TestingServer zooKeeper;
    private final MesosSimulator simulator;
    private final SchedulerProcess scheduler;
    private final SchedulerApi api;

    private DockerLaunchCluster(String testId, Path checkpointHostDir, TestingServer zooKeeper, MesosSimulator simulator, SchedulerProcess scheduler) {
        this.testId = testId;
        this.checkpointHostDir = checkpointHostDir;
        this.zooKeeper = zooKeeper;
        this.simulator = simulator;
        this.scheduler = scheduler;
        this.api = new SchedulerApi(scheduler.uri().getPort());
    }

    /** @param testId unique to the test, starting {@code mlt-img-}: the label value, and the prefix of the executor containers */
    static DockerLaunchCluster start(Path dir, String testId) throws Exception {
        return start(dir, testId, """
                {
                  "checkpointDir": "/var/lib/mesos-logstash/checkpoints",
                  "resyncSeconds": 2,
                  "sink": {"type": "jsonlines", "file": "/mnt/mesos/sandbox/%s"},
                  "collect": [{"name": "images-it", "match": {"labels": {"%s": "%s"}}, "console": true}]
                }
                """.formatted(SINK_FILE, LABEL, testId), Map.of());
    }

    /** As {@link #start(Path, String)}, with these collector settings and configurations (name to text). */
    static DockerLaunchCluster start(Path dir, String testId, String collectorJson, Map<String, String> configurations) throws Exception {
        Files.createDirectories(dir);
        Path configurationDir = Files.createDirectories(dir.resolve("configurations"));
        for (Map.Entry<String, String> configuration : configurations.entrySet()) {
            Files.writeString(configurationDir.resolve(configuration.getKey() + ".conf"), configuration.getValue());
        }
        Path checkpointHostDir = dir.resolve("checkpoints-host").toAbsolutePath();
        TestingServer zooKeeper = new TestingServer(true);
        MesosSimulator simulator = null;
        try {
            simulator = MesosSimulator.start(SimulatorConfig.fast(List.of(AgentSpec.standard("a1")), dir.resolve("mesos").toAbsolutePath())
                    .withZooKeeper(zooKeeper.getConnectString(), "/mesos")
                    .withDocker(DockerSettings.mesosDefaults().withContainerNamePrefix(executorContainerPrefix(testId))));
            Path collectorConfig = Files.writeString(dir.resolve("collector.json"), collectorJson);
            Map<String, String> options = new LinkedHashMap<>();
            options.put("MESOS_LOGSTASH_MASTER", "zk://" + zooKeeper.getConnectString() + "/mesos");
            options.put("MESOS_LOGSTASH_FRAMEWORK_NAME", testId);
            options.put("MESOS_LOGSTASH_FAILOVER_TIMEOUT", "10m");
            options.put("MESOS_LOGSTASH_REFUSE_SECONDS", "1");
            options.put("MESOS_LOGSTASH_RECONCILIATION_TIMEOUT", "3s");
            options.put("MESOS_LOGSTASH_RELAUNCH_BACKOFF_INITIAL", "1s");
            options.put("MESOS_LOGSTASH_RELAUNCH_BACKOFF_MAX", "2s");
            options.put("MESOS_LOGSTASH_USERS", OPERATOR + ":operator:{noop}" + OPERATOR_PASSWORD);
            options.put("MESOS_LOGSTASH_EXECUTOR_LAUNCH", "DOCKER");
            options.put("MESOS_LOGSTASH_EXECUTOR_IMAGE", ProductImages.EXECUTOR);
            options.put("MESOS_LOGSTASH_EXECUTOR_CHECKPOINT_HOST_PATH", checkpointHostDir.toString());
            options.put("MESOS_LOGSTASH_COLLECTOR_CONFIG", collectorConfig.toAbsolutePath().toString());
            options.put("MESOS_LOGSTASH_CONFIGURATIONS", configurationDir.toAbsolutePath().toString());
            SchedulerProcess scheduler = SchedulerProcess.start(options, dir.resolve("scheduler.log"));
            return new DockerLaunchCluster(testId, checkpointHostDir, zooKeeper, simulator, scheduler);
        } catch (Exception | Error e) {
            if (simulator != null) {
                simulator.close();
            }
            zooKeeper.close();
            throw e;
        }
    }

    static String executorContainerPrefix(String testId) {
        return testId + "-mesos-";
    }

    String executorContainerPrefix() {
        return executorContainerPrefix(testId);
    }

    Path checkpointHostDir() {
        return checkpointHostDir;
    }

    MesosSimulator simulator() {
        return simulator;
    }

    SchedulerProcess scheduler() {
        return scheduler;
    }

    SchedulerApi api() {
        return api;
    }

    /** The agent's executors whose {@code docker run} still runs. */
    List<ExecutorView> liveExecutors() {
        return simulator.agent("a1").executors().stream().filter(e -> e.process().isAlive()).toList();
    }

    /** The master's latest status of the task an executor runs (the scheduler names executors "executor.<task id>"). */
    Optional<TaskStatus> taskOf(ExecutorView executor) {
        String taskId = executor.executorId().getValue().substring("executor.".length());
        return simulator.master().taskStatuses().stream().filter(s -> s.getTaskId().getValue().equals(taskId)).findFirst();
    }

    boolean running(ExecutorView executor) {
        return taskOf(executor).map(s -> s.getState() == TaskState.TASK_RUNNING).orElse(false);
    }

    /** The executor containers of this cluster, running or not. */
    List<String> executorContainers() {
        return DockerCommand.local().containersNamed(executorContainerPrefix());
    }

    @Override
    public void close() throws Exception {
        try {
            scheduler.close();
            simulator.close();
            zooKeeper.close();
        } finally {
            DockerCommand.local().removeContainersNamed(executorContainerPrefix());
        }
    }
}
