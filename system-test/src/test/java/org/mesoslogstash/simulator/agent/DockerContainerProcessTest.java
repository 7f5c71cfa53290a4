package org.mesoslogstash.simulator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The container behind an executor's Process: what the agent's kills and the container's own exit ask of Docker. */
class DockerContainerProcessTest {

    /** Records the calls; a stand-in {@code docker run} client is a real short-lived process. */
    private static final class RecordingContainers implements DockerContainerProcess.Containers {
        final List<String> calls = new CopyOnWriteArrayList<>();
        boolean failStop;

        @Override
        public void stop(String name, Duration timeout) throws DockerCli.DockerException {
            calls.add("stop " + name + " " + timeout.toSeconds());
            if (failStop) {
                throw new DockerCli.DockerException("daemon said no", null);
            }
        }

        @Override
        public void remove(String name) {
            calls.add("rm -f " + name);
        }
    }

    private final RecordingContainers docker = new RecordingContainers();
    private Process client;

    @AfterEach
    void killClient() {
        if (client != null) {
            client.destroyForcibly();
        }
    }

    private DockerContainerProcess container(String... command) throws Exception {
        client = new ProcessBuilder(command).start();
        return new DockerContainerProcess(client, docker, "mesos-c1", Duration.ofSeconds(3));
    }

    @Test
    void aContainerThatEndsByItselfIsRemovedBeforeItsExitIsReported() throws Exception {
        DockerContainerProcess process = container("sh", "-c", "exit 3");

        process.onExit().get(30, TimeUnit.SECONDS);

        assertThat(docker.calls).containsExactly("rm -f mesos-c1");
        assertThat(process.exitValue()).isEqualTo(3);
    }

    @Test
    void destroyForciblyKillsAndRemovesTheContainer() throws Exception {
        DockerContainerProcess process = container("sleep", "60");

        process.destroyForcibly();

        assertThat(docker.calls).containsExactly("rm -f mesos-c1");
        assertThat(process.descendants()).isEmpty();
    }

    @Test
    void destroyStopsWithTheStopTimeoutAndRemovesByForceIfDockerRefuses() throws Exception {
        DockerContainerProcess process = container("sleep", "60");
        process.destroy();
        docker.failStop = true;
        process.destroy();

        assertThat(docker.calls).containsExactly("stop mesos-c1 3", "stop mesos-c1 3", "rm -f mesos-c1");
    }

    @Test
    void itIsAliveWhileTheDockerRunClientIsAndHasItsPid() throws Exception {
        DockerContainerProcess process = container("sleep", "60");

        assertThat(process.isAlive()).isTrue();
        assertThat(process.pid()).isEqualTo(client.pid());
        assertThat(process.toHandle().pid()).isEqualTo(client.pid());
    }
}
