package org.mesoslogstash.systemtest.bench;

import java.lang.ref.WeakReference;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskState;
import org.mesoslogstash.config.distribution.AppliedConfiguration;
import org.mesoslogstash.mesos.http.MesosHttpClient;
import org.mesoslogstash.scheduler.framework.SchedulerProperties;
import org.mesoslogstash.scheduler.lifecycle.LogstashScheduler;
import org.mesoslogstash.scheduler.lifecycle.SchedulerStatus;
import org.mesoslogstash.simulator.AgentSpec;
import org.mesoslogstash.simulator.MesosSimulator;
import org.mesoslogstash.simulator.SimulatorConfig;
import org.mesoslogstash.simulator.executor.InProcessExecutors;

/**
 * Issue 3's benchmark: the scheduler against a thousand simulated agents (Mesos' default intervals,
 * masters elected in a real ZooKeeper, which also keeps the scheduler's state), COMMAND launch, the
 * executors run in-process by the simulator ({@link InProcessExecutors#collectorExecutors}). Prints:
 * the time from the scheduler's SUBSCRIBED until the master has every executor's task RUNNING, the time
 * from a configuration update until every executor's status reports the new version, the scheduler's
 * heap, measured as the heap used after a full GC with the scheduler running minus the same once it is
 * closed (the simulator, its executors and ZooKeeper keep running in between; median of three), and
 * the time a restarted scheduler takes to reconcile and take the executors over.
 *
 * <p>Usage: {@code ThousandAgentsBenchmark [agents] [timeout-seconds]}, defaults 1000 and 600;
 * {@code bin/benchmark-scheduler} builds and runs it. A main program, not a test: it prints figures.
 */
public final class ThousandAgentsBenchmark {

    static final String EXECUTOR_MARKER = "simulated-collector-executor";
    private static final String FRAMEWORK = "mesos-logstash";
    private static final int HEAP_ROUNDS = 3;

    private ThousandAgentsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Duration timeout = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 600);
        Path workDir = Files.createTempDirectory("mlt-bench1000-");
        List<AgentSpec> specs = IntStream.rangeClosed(1, agents).mapToObj(i -> AgentSpec.standard(String.format(Locale.ROOT, "agent-%04d", i)))
                .toList();
        HttpClient executorHttp = MesosHttpClient.create(Duration.ofSeconds(10));
        try (TestingServer zooKeeper = new TestingServer(true)) {
            SimulatorConfig config = SimulatorConfig.mesosDefaults(specs, workDir).withZooKeeper(zooKeeper.getConnectString(), "/mesos")
                    .withInProcessExecutors(InProcessExecutors.collectorExecutors(EXECUTOR_MARKER, executorHttp));
            long t0 = System.nanoTime();
            try (MesosSimulator simulator = MesosSimulator.start(config)) {
                print("simulator: %d agents up in %.1f s", agents, seconds(System.nanoTime() - t0));
                String zkMaster = "zk://" + zooKeeper.getConnectString() + "/mesos";
                Path collectorConfig = Files.writeString(workDir.resolve("collector.json"), collectorConfig("benchmark-1"));
                SchedulerProperties properties = InProcessScheduler.properties(zkMaster, FRAMEWORK, EXECUTOR_MARKER, collectorConfig);
                InProcessScheduler scheduler = InProcessScheduler.start(properties);
                try {
                    long subscribed = waitFor("SUBSCRIBED", timeout, () -> simulator.master().frameworkId(FRAMEWORK).isPresent());
                    long firstLaunched = waitFor("first task launched", timeout, () -> !simulator.master().taskStatuses().isEmpty());
                    long allLaunched = waitFor("all tasks launched", timeout, () -> simulator.master().taskStatuses().size() >= agents);
                    long allRunning = waitFor("all executors RUNNING", timeout, () -> running(simulator) >= agents);
                    print("subscribe -> first task launched: %.2f s (reconciliation first)", seconds(firstLaunched - subscribed));
                    print("subscribe -> all %d tasks launched (ACCEPTed at the master): %.2f s", agents, seconds(allLaunched - subscribed));
                    print("subscribe -> all %d executors RUNNING: %.2f s", agents, seconds(allRunning - subscribed));
                    long allAtFirst = waitFor("version 1 reported everywhere", timeout, () -> reportingVersion(simulator, 1) >= agents);
                    print("subscribe -> all %d executors report configuration version 1 (sent at launch): %.2f s", agents,
                            seconds(allAtFirst - subscribed));
                    long updated = System.nanoTime();
                    String changed = collectorConfig("benchmark-2");
                    long version = scheduler.updateConfiguration(changed).version();
                    long allAtNew = waitFor("version " + version + " reported everywhere", timeout,
                            () -> reportingVersion(simulator, version) >= agents);
                    print("config distribution: update -> all %d executors report version %d: %.2f s", agents, version,
                            seconds(allAtNew - updated));
                    Files.writeString(collectorConfig, changed); // a restarted scheduler starts from the current configuration

                    // The scheduler's heap: used heap after a full GC with it, minus the same without it, at rest (every status
                    // update acknowledged). Virtual thread stacks and buffers of the simulator make a single difference noisy by
                    // several MiB, so it is taken HEAP_ROUNDS times, restarting the scheduler (which reconciles and takes the
                    // executors over) in between.
                    List<Double> schedulerMib = new ArrayList<>();
                    for (int round = 1; round <= HEAP_ROUNDS; round++) {
                        waitFor("every status update acknowledged", timeout,
                                () -> simulator.agents().stream().allMatch(agent -> agent.pendingStatusUpdates() == 0));
                        long with = usedHeapAfterGc();
                        WeakReference<LogstashScheduler> closed = new WeakReference<>(scheduler.core());
                        scheduler.close();
                        scheduler = null; // else this variable keeps everything the closed scheduler held reachable
                        long without = usedHeapAfterGc();
                        if (closed.get() != null) {
                            print("WARNING: the closed scheduler is still reachable (a thread of it still runs?): the heap figure undercounts");
                        }
                        schedulerMib.add((with - without) / 1048576.0);
                        print("heap round %d: %d MiB used with the scheduler, %d MiB without", round, mib(with), mib(without));
                        long restarted = System.nanoTime();
                        scheduler = InProcessScheduler.start(properties);
                        InProcessScheduler current = scheduler;
                        long reconciled = waitFor("restarted scheduler reconciled", timeout, () -> {
                            SchedulerStatus status = current.status();
                            return status.subscribed() && !status.reconciling() && status.agentsWithExecutor() >= agents;
                        });
                        if (round == 1) {
                            print("scheduler restart -> reconciled with all %d executors: %.2f s", agents, seconds(reconciled - restarted));
                        }
                    }
                    Collections.sort(schedulerMib);
                    double median = schedulerMib.get(schedulerMib.size() / 2);
                    print("scheduler heap after full GC: %.1f MiB median of %s (%.1f KiB per agent)", median,
                            schedulerMib.stream().map(m -> String.format(Locale.ROOT, "%.1f", m)).toList(), median * 1024 / agents);
                } finally {
                    if (scheduler != null) {
                        scheduler.close();
                    }
                }
            }
        } finally {
            executorHttp.close();
        }
        System.exit(0); // executor clients of a closed agent may still be backing off on virtual threads
    }

    /** A collector configuration (docs/collector.md) that differs by {@code tag}; the simulated executors do not read it. */
    private static String collectorConfig(String tag) {
        return "{\"sink\": {\"type\": \"beats\", \"hosts\": [\"logstash.invalid:5044\"]}, \"fields\": {\"run\": \"" + tag + "\"}}";
    }

    /** Tasks whose latest status at the master is RUNNING with this configuration version applied. */
    private static long reportingVersion(MesosSimulator simulator, long version) {
        return simulator.master().taskStatuses().stream().filter(s -> s.getState() == TaskState.TASK_RUNNING
                && AppliedConfiguration.appliedVersion(s).equals(OptionalLong.of(version))).count();
    }

    private static long running(MesosSimulator simulator) {
        return simulator.master().taskStatuses().stream().filter(s -> s.getState() == TaskState.TASK_RUNNING).count();
    }

    /** Polls every 10 ms; returns the System.nanoTime() at which the condition first held. */
    private static long waitFor(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("benchmark: " + what + " not reached within " + timeout);
            }
            Thread.sleep(10);
        }
        return System.nanoTime();
    }

    /**
     * Heap in use right after a full GC: the pools' usage as the last collection left them, so that what the simulator's
     * threads allocate after it does not count.
     */
    private static long usedHeapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        System.gc();
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getCollectionUsage).filter(Objects::nonNull).mapToLong(MemoryUsage::getUsed).sum();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long mib(long bytes) {
        return bytes / 1048576;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
