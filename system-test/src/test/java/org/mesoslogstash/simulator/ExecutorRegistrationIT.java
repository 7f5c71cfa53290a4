package org.mesoslogstash.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executors that are not the test executor: a plain command that never subscribes, with fetched URIs. */
class ExecutorRegistrationIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    private MesosSimulator simulator;
    private SchedulerHarness harness;

    @BeforeEach
    void start() throws Exception {
        simulator = MesosSimulator.start(SimulatorConfig.fast(List.of(AgentSpec.standard("a1")), workDir.resolve("cluster"))
                .withExecutorRegistrationTimeout(Duration.ofSeconds(2)));
        harness = SchedulerHarness.at(simulator.masterUri());
        harness.start(SchedulerHarness.framework("plain", 60));
        await().atMost(WAIT).until(() -> !harness.scheduler.offers.isEmpty());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        simulator.close();
    }

    private TaskInfo sleeper(CommandInfo.URI... uris) {
        Offer offer = harness.scheduler.latestOfferFor("a1");
        TaskInfo task = SchedulerHarness.executorTask(offer, "t1", "sleeper");
        return task.toBuilder().setExecutor(task.getExecutor().toBuilder().setCommand(CommandInfo.newBuilder()
                .setValue("sleep 60").addAllUris(List.of(uris)))).build();
    }

    @Test
    void anExecutorThatNeverSubscribesIsKilledAfterTheRegistrationTimeout() {
        harness.launch(harness.scheduler.latestOfferFor("a1"), sleeper());

        await().atMost(WAIT).until(() -> !harness.scheduler.updatesIn(TaskState.TASK_FAILED).isEmpty());
        TaskStatus failed = harness.scheduler.updatesIn(TaskState.TASK_FAILED).get(0);
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT);
        assertThat(failed.getMessage()).isEqualTo("Executor did not register within 2secs");
    }

    @Test
    void localUrisAreCopiedIntoTheSandboxAndMadeExecutable() throws Exception {
        Path script = Files.writeString(workDir.resolve("run.sh"), "#!/bin/sh\nsleep 60\n");

        harness.launch(harness.scheduler.latestOfferFor("a1"), sleeper(CommandInfo.URI.newBuilder()
                .setValue(script.toUri().toString()).setExecutable(true).build()));

        await().atMost(WAIT).until(() -> !simulator.agent("a1").executors().isEmpty());
        Path fetched = simulator.agent("a1").executors().get(0).sandbox().resolve("run.sh");
        assertThat(fetched).hasContent("#!/bin/sh\nsleep 60");
        assertThat(Files.isExecutable(fetched)).isTrue();
    }

    @Test
    void aRemoteUriCannotBeFetchedAndFailsTheTaskSayingSo() {
        harness.launch(harness.scheduler.latestOfferFor("a1"), sleeper(CommandInfo.URI.newBuilder()
                .setValue("http://example.com/executor.tgz").build()));

        await().atMost(WAIT).until(() -> !harness.scheduler.updatesIn(TaskState.TASK_FAILED).isEmpty());
        TaskStatus failed = harness.scheduler.updatesIn(TaskState.TASK_FAILED).get(0);
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(failed.getMessage()).isEqualTo("Failed to fetch 'http://example.com/executor.tgz': the Mesos simulator fetches local files only");
    }
}
