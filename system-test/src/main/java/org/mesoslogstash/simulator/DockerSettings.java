package org.mesoslogstash.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the agents run executors whose ContainerInfo is DOCKER, as the Mesos Docker containerizer does
 * with the agent flags noted.
 *
 * @param socket              the daemon, as {@code docker -H} takes it ({@code --docker_socket}; Mesos:
 *                            {@code /var/run/docker.sock})
 * @param containerNamePrefix containers are named this plus the container id; the agent finds its
 *                            containers by it (Mesos: {@code mesos-}, fixed). Tests give a prefix of their own
 *                            so that what they leave behind can be told from other containers
 * @param stopTimeout         {@code docker stop -t} when an executor is destroyed, after the shutdown grace
 *                            period ({@code --docker_stop_timeout}; Mesos: 0 s)
 * @param sandboxDirectory    where the sandbox is mounted in the container and what {@code MESOS_SANDBOX}
 *                            says ({@code --sandbox_directory}; Mesos: {@code /mnt/mesos/sandbox})
 */
public record DockerSettings(String socket, String containerNamePrefix, Duration stopTimeout, String sandboxDirectory) {

    public DockerSettings {
        Objects.requireNonNull(socket, "socket");
        if (containerNamePrefix == null || !containerNamePrefix.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new IllegalArgumentException("container name prefix must be a valid start of a Docker container name, was " + containerNamePrefix);
        }
        if (stopTimeout == null || stopTimeout.isNegative()) {
            throw new IllegalArgumentException("docker stop timeout must be >= 0, was " + stopTimeout);
        }
        if (sandboxDirectory == null || !sandboxDirectory.startsWith("/")) {
            throw new IllegalArgumentException("sandbox directory in the container must be absolute, was " + sandboxDirectory);
        }
    }

    /** The Mesos agent's defaults. */
    public static DockerSettings mesosDefaults() {
        return new DockerSettings("unix:///var/run/docker.sock", "mesos-", Duration.ZERO, "/mnt/mesos/sandbox");
    }

    public DockerSettings withContainerNamePrefix(String prefix) {
        return new DockerSettings(socket, prefix, stopTimeout, sandboxDirectory);
    }
}
