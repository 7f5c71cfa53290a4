package org.mesoslogstash.executor.mesos;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.config.distribution.AppliedConfiguration;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.executor.testsupport.TestContainers;
import org.mesoslogstash.mesos.testsupport.FakeMesosAgent;

/**
 * The executor as the process a Mesos agent starts, against a fake agent speaking the executor API
 * and the real Docker daemon: launched with a configuration, it collects a container's stdout and
 * file, reports the version it applied, applies a newer one sent as a framework message, and on KILL
 * stops, reports TASK_KILLED and exits 0 leaving nothing behind in the container.
 */
class ExecutorMainIT {

    private static final String FILE = "/var/log/app.log";
    private static final String TASK = "mesos-logstash.agent-1";

    private final TestContainers containers = new TestContainers("mlt-exec-");
    private FakeMesosAgent agent;
    private Process executor;

    @AfterEach
    void cleanUp() {
        if (executor != null) {
            executor.destroyForcibly();
        }
        if (agent != null) {
            agent.close();
        }
        containers.close();
    }

    @Test
    void launchReportMessageAndKill(@TempDir Path dir) throws Exception {
        String label = UUID.randomUUID().toString();
        String container = containers.start(List.of("--label", "mlt-exec=" + label), "sh", "-c",
                "i=0; while true; do echo \"line $i\"; echo \"line $i\" >> " + FILE + "; i=$((i+1)); usleep 100000; done");
        agent = FakeMesosAgent.start("framework-it", "executor-it");
        executor = startExecutor(agent.executorEnvironment(null, null), "launch");
        await().atMost(60, SECONDS).until(() -> !agent.subscriptions().isEmpty());

        Path first = dir.resolve("first.jsonl");
        agent.sendEvent(launch(new CollectorAssignment(1, config(dir, label, first))));
        await().atMost(60, SECONDS).until(() -> appliedVersions(TaskState.TASK_RUNNING).contains(1L));
        await().atMost(60, SECONDS).untilAsserted(() -> assertThat(lines(first))
                .anyMatch(line -> line.contains("\"stream\":\"stdout\"") && line.contains("\"message\":\"line "))
                .anyMatch(line -> line.contains("\"path\":\"" + FILE + "\"") && line.contains("\"message\":\"line ")));

        Path second = dir.resolve("second.jsonl");
        agent.message(new CollectorAssignment(2, config(dir, label, second)).toByteString().toByteArray());
        await().atMost(60, SECONDS).until(() -> appliedVersions(TaskState.TASK_RUNNING).contains(2L));
        await().atMost(60, SECONDS).untilAsserted(() -> assertThat(lines(second)).anyMatch(line -> line.contains("\"message\":\"line ")));

        // Version 3 changes only the rules (console no more): applied without a restart.
        int beforeVersion3 = lines(second).size();
        agent.message(new CollectorAssignment(3, config(dir, label, second).replace("\"console\": true", "\"console\": false"))
                .toByteString().toByteArray());
        await().atMost(60, SECONDS).until(() -> appliedVersions(TaskState.TASK_RUNNING).contains(3L));
        await().atMost(60, SECONDS).until(() -> lines(second).size() > beforeVersion3 + 10);
        assertThat(Files.readString(log("launch"))).contains("applying configuration version 3 (was 2): only the rules and pipelines changed");

        agent.kill(TASK);
        await().atMost(30, SECONDS).until(() -> !updates(TaskState.TASK_KILLED).isEmpty());
        assertThat(executor.waitFor(30, SECONDS)).as("executor exits after TASK_KILLED").isTrue();
        assertThat(executor.exitValue()).isEqualTo(CollectorExecutor.EXIT_STOPPED);
        assertThat(AppliedConfiguration.appliedVersion(updates(TaskState.TASK_KILLED).getFirst())).hasValue(3);
        assertThat(updates(TaskState.TASK_FAILED)).isEmpty();
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(followers(container)).isEmpty());
        // The restart for version 2 went on from the checkpoints, version 3 kept the file's stream:
        // no line of the file is missing.
        List<Integer> numbers = Stream.concat(lines(first).stream(), lines(second).stream())
                .filter(line -> line.contains("\"path\":\"" + FILE + "\""))
                .map(line -> Integer.parseInt(line.replaceAll(".*\"message\":\"line (\\d+)\".*", "$1")))
                .distinct().sorted().toList();
        assertThat(numbers).isNotEmpty();
        assertThat(numbers.getLast() - numbers.getFirst() + 1).as("lines from %d to %d without a gap", numbers.getFirst(), numbers.getLast())
                .isEqualTo(numbers.size());
        assertThat(numbers.getFirst()).isZero();
    }

    @Test
    void sigtermStopsCollectionAndExits(@TempDir Path dir) throws Exception {
        String label = UUID.randomUUID().toString();
        String container = containers.start(List.of("--label", "mlt-exec=" + label), "sh", "-c",
                "i=0; while true; do echo \"line $i\" >> " + FILE + "; i=$((i+1)); usleep 100000; done");
        agent = FakeMesosAgent.start("framework-it", "executor-it");
        executor = startExecutor(agent.executorEnvironment(null, null), "sigterm");
        await().atMost(60, SECONDS).until(() -> !agent.subscriptions().isEmpty());
        Path output = dir.resolve("out.jsonl");
        agent.sendEvent(launch(new CollectorAssignment(1, config(dir, label, output))));
        await().atMost(60, SECONDS).until(() -> appliedVersions(TaskState.TASK_RUNNING).contains(1L));
        await().atMost(60, SECONDS).untilAsserted(() -> assertThat(followers(container)).isNotEmpty());

        executor.destroy();

        assertThat(executor.waitFor(30, SECONDS)).as("executor exits on SIGTERM").isTrue();
        assertThat(executor.exitValue()).as("the JVM's status after SIGTERM, 128 + 15").isEqualTo(143);
        assertThat(Files.readString(log("sigterm"))).contains("checkpoints durable");
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(followers(container)).isEmpty());
    }

    @Test
    void dockerNotAnsweringFailsTheTaskWithTheReason(@TempDir Path dir) throws Exception {
        agent = FakeMesosAgent.start("framework-it", "executor-it");
        Map<String, String> env = new java.util.HashMap<>(agent.executorEnvironment(null, null));
        env.put(ExecutorSettings.DOCKER_READY_TIMEOUT_ENV, "3secs");
        executor = startExecutor(env, "no-docker");
        await().atMost(60, SECONDS).until(() -> !agent.subscriptions().isEmpty());
        String json = """
                {"checkpointDir": "%s", "docker": "unix://%s", "sink": {"type": "jsonlines", "file": "%s"},
                 "collect": [{"name": "it", "console": true}]}
                """.formatted(dir.resolve("checkpoints"), dir.resolve("no-docker.sock"), dir.resolve("out.jsonl"));

        agent.sendEvent(launch(new CollectorAssignment(1, json)));

        await().atMost(60, SECONDS).until(() -> !updates(TaskState.TASK_FAILED).isEmpty());
        assertThat(updates(TaskState.TASK_FAILED).getFirst().getMessage())
                .startsWith("Docker at unix://" + dir.resolve("no-docker.sock") + " did not answer within PT3S");
        assertThat(updates(TaskState.TASK_RUNNING)).isEmpty();
        assertThat(executor.waitFor(30, SECONDS)).isTrue();
        assertThat(executor.exitValue()).isEqualTo(CollectorExecutor.EXIT_TASK_FAILED);
    }

    @Test
    void withCheckpointingTheTaskOutlivesAnAgentRestart(@TempDir Path dir) throws Exception {
        agent = FakeMesosAgent.start("framework-it", "executor-it");
        executor = startExecutor(agent.executorEnvironment("30secs", "1secs"), "agent-restart");
        await().atMost(60, SECONDS).until(() -> !agent.subscriptions().isEmpty());
        agent.sendEvent(launch(new CollectorAssignment(1, config(dir, UUID.randomUUID().toString(), dir.resolve("out.jsonl")))));
        await().atMost(60, SECONDS).until(() -> appliedVersions(TaskState.TASK_RUNNING).contains(1L));

        agent.stop();
        agent.restart();

        await().atMost(60, SECONDS).until(() -> agent.subscriptions().size() == 2);
        assertThat(executor.isAlive()).isTrue();
        agent.kill(TASK);
        await().atMost(30, SECONDS).until(() -> !updates(TaskState.TASK_KILLED).isEmpty());
        assertThat(executor.waitFor(30, SECONDS)).isTrue();
        assertThat(executor.exitValue()).isEqualTo(CollectorExecutor.EXIT_STOPPED);
    }

    @Test
    void withoutCheckpointingALostAgentEndsTheExecutor(@TempDir Path dir) throws Exception {
        agent = FakeMesosAgent.start("framework-it", "executor-it");
        executor = startExecutor(agent.executorEnvironment(null, null), "agent-lost");
        await().atMost(60, SECONDS).until(() -> !agent.subscriptions().isEmpty());
        agent.sendEvent(launch(new CollectorAssignment(1, config(dir, UUID.randomUUID().toString(), dir.resolve("out.jsonl")))));
        await().atMost(60, SECONDS).until(() -> appliedVersions(TaskState.TASK_RUNNING).contains(1L));

        agent.stop();

        assertThat(executor.waitFor(60, SECONDS)).isTrue();
        assertThat(executor.exitValue()).isEqualTo(CollectorExecutor.EXIT_AGENT_LOST);
        assertThat(Files.readString(log("agent-lost"))).contains("the Mesos agent is lost").contains("checkpoints durable");
    }

    @Test
    void anUnusableEnvironmentIsNamedAndExitsWithCode2(@TempDir Path dir) throws Exception {
        executor = startExecutor(Map.of("MESOS_AGENT_ENDPOINT", "not-an-endpoint"), "bad-env");

        assertThat(executor.waitFor(60, SECONDS)).isTrue();
        assertThat(executor.exitValue()).isEqualTo(CollectorExecutor.EXIT_BAD_ENVIRONMENT);
        assertThat(Files.readString(log("bad-env"))).contains("MESOS_AGENT_ENDPOINT='not-an-endpoint' is not host:port");
    }

    private static Event launch(CollectorAssignment assignment) {
        TaskInfo task = TaskInfo.newBuilder().setName("mesos-logstash").setTaskId(TaskID.newBuilder().setValue(TASK))
                .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("fake-agent-S0"))
                .setData(assignment.toByteString()).build();
        return Event.newBuilder().setType(Event.Type.LAUNCH).setLaunch(Event.Launch.newBuilder().setTask(task)).build();
    }

    private static String config(Path dir, String label, Path output) {
        return """
                {"checkpointDir": "%s", "sink": {"type": "jsonlines", "file": "%s"},
                 "collect": [{"name": "it", "match": {"labels": {"mlt-exec": "%s"}}, "files": ["%s"], "console": true}]}
                """.formatted(dir.resolve("checkpoints"), output, label, FILE);
    }

    private List<TaskStatus> updates(TaskState state) {
        return agent.updates().stream().filter(status -> status.getState() == state).toList();
    }

    private List<Long> appliedVersions(TaskState state) {
        return updates(state).stream().map(AppliedConfiguration::appliedVersion)
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).toList();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /** Kept in target/ so that a failure can be read after the temporary directory is gone. */
    private static Path log(String name) {
        return Path.of("target", "ExecutorMainIT-" + name + ".log");
    }

    private static Process startExecutor(Map<String, String> env, String name) throws IOException {
        Path log = log(name);
        Files.deleteIfExists(log);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                ExecutorMain.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("MESOS_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static List<String> followers(String container) {
        return TestContainers.processes(container).stream()
                .filter(process -> process.contains("tail") || process.contains("follower"))
                .toList();
    }
}
