package org.mesoslogstash.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mesoslogstash.simulator.executor.InProcessExecutors;

/**
 * How the simulated cluster behaves. Mesos' defaults are noted; tests shorten the intervals.
 *
 * @param agents                        the agents present at start
 * @param workDir                       where agents make executor sandboxes ({@code <workDir>/<agent>/<framework>/<executor>})
 * @param heartbeatInterval             HEARTBEAT events to schedulers and executors (Mesos: 15 s to schedulers)
 * @param allocationInterval            how often unused resources are offered (Mesos: 1 s)
 * @param statusUpdateRetry             an unacknowledged status update is sent to the scheduler again after this (Mesos: 10 s, growing)
 * @param executorRegistrationTimeout   an executor that does not subscribe within this after its launch is killed (Mesos: 1 min)
 * @param executorReregistrationTimeout after an agent restart, executors that did not re-subscribe within this are killed (Mesos: 2 s)
 * @param recoveryTimeout               {@code MESOS_RECOVERY_TIMEOUT} given to executors (Mesos: 15 mins)
 * @param subscriptionBackoffMax        {@code MESOS_SUBSCRIPTION_BACKOFF_MAX} given to executors (Mesos: 2 s)
 * @param executorShutdownGracePeriod   {@code MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD}; after a SHUTDOWN an executor is killed after it (Mesos: 5 s)
 * @param zooKeeper                     where masters register for leader election, if anywhere
 * @param inProcessExecutors            which executors run inside the simulator instead of as processes, if any
 * @param docker                        how executors with a DOCKER ContainerInfo are run (the Docker containerizer's flags)
 */
public record SimulatorConfig(
        List<AgentSpec> agents,
        Path workDir,
        Duration heartbeatInterval,
        Duration allocationInterval,
        Duration statusUpdateRetry,
        Duration executorRegistrationTimeout,
        Duration executorReregistrationTimeout,
        Duration recoveryTimeout,
        Duration subscriptionBackoffMax,
        Duration executorShutdownGracePeriod,
        Optional<ZooKeeperElection> zooKeeper,
        Optional<InProcessExecutors> inProcessExecutors,
        DockerSettings docker) {

    /** Masters register under {@code path} of the ensemble at {@code connectString}, as Mesos does with {@code --zk}. */
    public record ZooKeeperElection(String connectString, String path) {
    }

    public SimulatorConfig {
        agents = List.copyOf(agents);
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(zooKeeper, "zooKeeper");
        Objects.requireNonNull(inProcessExecutors, "inProcessExecutors");
        Objects.requireNonNull(docker, "docker");
        for (Duration d : List.of(heartbeatInterval, allocationInterval, statusUpdateRetry, executorRegistrationTimeout, executorReregistrationTimeout,
                recoveryTimeout, subscriptionBackoffMax, executorShutdownGracePeriod)) {
            if (!d.isPositive()) {
                throw new IllegalArgumentException("simulator intervals and timeouts must be positive; found " + d);
            }
        }
    }

    /** As the canonical constructor, with the Docker containerizer's defaults ({@link DockerSettings#mesosDefaults()}). */
    public SimulatorConfig(List<AgentSpec> agents, Path workDir, Duration heartbeatInterval, Duration allocationInterval,
            Duration statusUpdateRetry, Duration executorRegistrationTimeout, Duration executorReregistrationTimeout,
            Duration recoveryTimeout, Duration subscriptionBackoffMax, Duration executorShutdownGracePeriod,
            Optional<ZooKeeperElection> zooKeeper, Optional<InProcessExecutors> inProcessExecutors) {
        this(agents, workDir, heartbeatInterval, allocationInterval, statusUpdateRetry, executorRegistrationTimeout,
                executorReregistrationTimeout, recoveryTimeout, subscriptionBackoffMax, executorShutdownGracePeriod, zooKeeper,
                inProcessExecutors, DockerSettings.mesosDefaults());
    }

    /** Mesos' defaults, with these agents and sandboxes under {@code workDir}. */
    public static SimulatorConfig mesosDefaults(List<AgentSpec> agents, Path workDir) {
        return new SimulatorConfig(agents, workDir, Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofSeconds(2), Duration.ofSeconds(5), Optional.empty(), Optional.empty());
    }

    /** Quick enough for tests: heartbeats every second, offers every 100 ms, updates retried every second. */
    public static SimulatorConfig fast(List<AgentSpec> agents, Path workDir) {
        return new SimulatorConfig(agents, workDir, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMillis(500), Duration.ofSeconds(2), Optional.empty(), Optional.empty());
    }

    public SimulatorConfig withZooKeeper(String connectString, String path) {
        return new SimulatorConfig(agents, workDir, heartbeatInterval, allocationInterval, statusUpdateRetry,
                executorRegistrationTimeout, executorReregistrationTimeout, recoveryTimeout, subscriptionBackoffMax, executorShutdownGracePeriod,
                Optional.of(new ZooKeeperElection(connectString, path)), inProcessExecutors, docker);
    }

    public SimulatorConfig withHeartbeatInterval(Duration interval) {
        return new SimulatorConfig(agents, workDir, interval, allocationInterval, statusUpdateRetry,
                executorRegistrationTimeout, executorReregistrationTimeout, recoveryTimeout, subscriptionBackoffMax, executorShutdownGracePeriod, zooKeeper, inProcessExecutors, docker);
    }

    public SimulatorConfig withExecutorRegistrationTimeout(Duration timeout) {
        return new SimulatorConfig(agents, workDir, heartbeatInterval, allocationInterval, statusUpdateRetry,
                timeout, executorReregistrationTimeout, recoveryTimeout, subscriptionBackoffMax, executorShutdownGracePeriod, zooKeeper, inProcessExecutors, docker);
    }

    /** Executors that {@code executors} takes run inside the simulator (see {@link InProcessExecutors}). */
    public SimulatorConfig withInProcessExecutors(InProcessExecutors executors) {
        return new SimulatorConfig(agents, workDir, heartbeatInterval, allocationInterval, statusUpdateRetry,
                executorRegistrationTimeout, executorReregistrationTimeout, recoveryTimeout, subscriptionBackoffMax, executorShutdownGracePeriod,
                zooKeeper, Optional.of(executors), docker);
    }

    /** Executors with a DOCKER ContainerInfo run with these settings (for instance a container name prefix of the test's own). */
    public SimulatorConfig withDocker(DockerSettings settings) {
        return new SimulatorConfig(agents, workDir, heartbeatInterval, allocationInterval, statusUpdateRetry,
                executorRegistrationTimeout, executorReregistrationTimeout, recoveryTimeout, subscriptionBackoffMax, executorShutdownGracePeriod,
                zooKeeper, inProcessExecutors, settings);
    }
}
