package org.mesoslogstash.onemachine.mesos;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.mesoslogstash.simulator.AgentSpec;
import org.mesoslogstash.simulator.MesosSimulator;
import org.mesoslogstash.simulator.SimulatorConfig;
import org.mesoslogstash.simulator.agent.SimulatedAgent;
import org.mesoslogstash.simulator.agent.SimulatedAgent.ExecutorView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mesos for this machine: the simulator's master (v1 scheduler API) and one agent named after this
 * host with its resources, running executors as processes with the environment a Mesos agent gives,
 * at Mesos' default intervals. Executor sandboxes are under the work directory.
 */
public final class LocalMesos implements AutoCloseable {

    public static final String AGENT_ID = "one-machine-S0";
    private static final Logger LOG = LoggerFactory.getLogger(LocalMesos.class);

    private final MesosSimulator simulator;
    private final String hostname;

    private LocalMesos(MesosSimulator simulator, String hostname) {
        this.simulator = simulator;
        this.hostname = hostname;
    }

    public static LocalMesos start(Machine machine, Path workDir) throws IOException {
        AgentSpec agent = new AgentSpec(AGENT_ID, machine.hostname(), machine.cpus(), machine.memMiB(), machine.diskMiB(), Map.of());
        MesosSimulator simulator = MesosSimulator.start(SimulatorConfig.mesosDefaults(List.of(agent), workDir));
        LOG.info("Mesos master at {}; agent {} on {} offers cpus {}, mem {} MiB, disk {} MiB", simulator.masterUri(), AGENT_ID,
                agent.hostname(), agent.cpus(), agent.mem(), agent.disk());
        return new LocalMesos(simulator, agent.hostname());
    }

    public URI masterUri() {
        return simulator.masterUri();
    }

    public String hostname() {
        return hostname;
    }

    /** The executor task's latest status as the master knows it, if the task is running. */
    public Optional<TaskStatus> runningTask() {
        return simulator.master().taskStatuses().stream().filter(s -> s.getState() == TaskState.TASK_RUNNING).findFirst();
    }

    /** Executors whose process is alive on the agent. */
    public List<ExecutorView> liveExecutors() {
        return agent().executors().stream().filter(e -> e.process().isAlive()).toList();
    }

    /**
     * Asks every executor of the framework to shut down, as Mesos does on TEARDOWN; for when the
     * scheduler cannot be asked to tear down. Executors still running after the grace period are killed.
     */
    public void shutdownFramework(String frameworkName) {
        simulator.master().frameworkId(frameworkName).ifPresent(id -> agent().shutdownFramework(id));
    }

    private SimulatedAgent agent() {
        return simulator.agent(AGENT_ID);
    }

    @Override
    public void close() {
        simulator.close();
        LOG.info("Mesos master and agent stopped");
    }
}
