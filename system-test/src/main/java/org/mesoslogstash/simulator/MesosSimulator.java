package org.mesoslogstash.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.mesos.v1.Protos.ExecutorID;
import org.mesoslogstash.simulator.agent.SimulatedAgent;
import org.mesoslogstash.simulator.master.Master;
import org.mesoslogstash.simulator.master.MasterServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Mesos cluster in one process for tests and benchmarks: a leading master (and, after a failover,
 * the previous ones answering 307 to it) serving the v1 scheduler API, and agents that run real
 * executor processes and serve the v1 executor API, with faults on demand: agent loss and restart,
 * executor crash, master failover (with the leader change in ZooKeeper if configured), dropped
 * framework messages. It is a test bed, not a product, but it is not more forgiving than Mesos.
 */
public final class MesosSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MesosSimulator.class);

    private final SimulatorConfig config;
    private final InstantSource clock;
    private final ScheduledExecutorService timer;
    private final Master master;
    private final List<MasterServer> masters = new ArrayList<>();
    private final Map<MasterServer, String> znodes = new LinkedHashMap<>();
    private final Map<String, SimulatedAgent> agents = new LinkedHashMap<>();
    private final Optional<MasterElection> election;
    private volatile MasterServer leader;

    private MesosSimulator(SimulatorConfig config, InstantSource clock, ScheduledExecutorService timer, Optional<MasterElection> election) {
        this.config = config;
        this.clock = clock;
        this.timer = timer;
        this.election = election;
        this.master = new Master(clock, config.heartbeatInterval());
    }

    /** Starts the leading master, registers it in ZooKeeper if configured, and starts the agents. */
    public static MesosSimulator start(SimulatorConfig config) throws IOException {
        Optional<MasterElection> election;
        try {
            election = config.zooKeeper().isPresent() ? Optional.of(new MasterElection(config.zooKeeper().get())) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to ZooKeeper", e);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("simulator-timer").daemon().factory());
        MesosSimulator simulator = new MesosSimulator(config, InstantSource.system(), timer, election);
        simulator.leader = simulator.newMaster();
        for (AgentSpec spec : config.agents()) {
            simulator.addAgent(spec);
        }
        long allocation = config.allocationInterval().toMillis();
        timer.scheduleWithFixedDelay(simulator::tick, allocation, allocation, TimeUnit.MILLISECONDS);
        return simulator;
    }

    private void tick() {
        try {
            master.expireDisconnected();
            master.allocate();
        } catch (RuntimeException e) {
            LOG.error("Allocation failed", e);
        }
    }

    private MasterServer newMaster() throws IOException {
        MasterServer server = new MasterServer(master, () -> Optional.ofNullable(leader));
        masters.add(server);
        if (election.isPresent()) {
            try {
                znodes.put(server, election.get().contend(server.info()));
            } catch (Exception e) {
                throw new IOException("could not register master " + server.uri() + " in ZooKeeper", e);
            }
        }
        LOG.info("Master {} started", server.uri());
        return server;
    }

    /** The leading master's base URL. */
    public URI masterUri() {
        return leader.uri();
    }

    /** Every master started, the leader among them. */
    public List<URI> masterUris() {
        return masters.stream().map(MasterServer::uri).toList();
    }

    /** The cluster state, for inspection. */
    public Master master() {
        return master;
    }

    public synchronized SimulatedAgent addAgent(AgentSpec spec) throws IOException {
        if (agents.containsKey(spec.id())) {
            throw new IllegalArgumentException("agent " + spec.id() + " exists already");
        }
        SimulatedAgent agent = new SimulatedAgent(spec, config, master, clock, timer);
        agents.put(spec.id(), agent);
        master.addAgent(agent.id(), spec.hostname(), SimulatedAgent.resources(spec), SimulatedAgent.attributes(spec), agent);
        return agent;
    }

    public synchronized SimulatedAgent agent(String id) {
        SimulatedAgent agent = agents.get(id);
        if (agent == null) {
            throw new NoSuchElementException("no agent " + id + "; agents are " + agents.keySet());
        }
        return agent;
    }

    public synchronized List<SimulatedAgent> agents() {
        return List.copyOf(agents.values());
    }

    // ---- faults ----

    /** The agent is lost: its executors are killed, the master removes it (TASK_LOST or TASK_UNREACHABLE). */
    public void loseAgent(String id) {
        SimulatedAgent agent;
        synchronized (this) {
            agent = agent(id);
            agents.remove(id);
        }
        agent.close();
        master.removeAgent(agent.id());
    }

    /** The agent process restarts: see {@link SimulatedAgent#restart(Duration)}. */
    public void restartAgent(String id, Duration downtime) {
        agent(id).restart(downtime);
    }

    /** kill -9 of an executor's process. */
    public void crashExecutor(String agentId, ExecutorID executorId) {
        agent(agentId).crashExecutor(executorId);
    }

    /** The next {@code count} framework messages to this executor are lost. */
    public void dropMessagesTo(String agentId, ExecutorID executorId, int count) {
        agent(agentId).dropMessagesTo(executorId, count);
    }

    /** How many messages to this executor are still to be dropped; 0 once every one asked for was dropped. */
    public int messagesStillToDrop(String agentId, ExecutorID executorId) {
        return agent(agentId).messagesStillToDrop(executorId);
    }

    /**
     * A new master takes over: it enters the election, the old leader steps down (its znode goes, it
     * answers 307 to the new one), every scheduler's stream ends and outstanding offers are void.
     * Schedulers re-subscribe at the new leader with their framework id.
     */
    public synchronized URI failoverMaster() {
        MasterServer previous = leader;
        MasterServer next;
        try {
            next = newMaster();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        leader = next;
        master.failover();
        if (election.isPresent()) {
            try {
                election.get().withdraw(znodes.remove(previous));
            } catch (Exception e) {
                throw new IllegalStateException("could not remove the old leader's znode", e);
            }
        }
        LOG.info("Master failover: {} leads, {} redirects to it", next.uri(), previous.uri());
        return next.uri();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        List<SimulatedAgent> all;
        synchronized (this) {
            all = List.copyOf(agents.values());
        }
        all.forEach(SimulatedAgent::close);
        masters.forEach(MasterServer::close);
        election.ifPresent(MasterElection::close);
    }

    /** How long a test should allow for a status update to be retried and acknowledged. */
    public Duration statusUpdateRetry() {
        return config.statusUpdateRetry();
    }
}
