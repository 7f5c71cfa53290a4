package org.mesoslogstash.systemtest.bench;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskState;
import org.mesoslogstash.config.distribution.AppliedConfiguration;
import org.mesoslogstash.mesos.executor.HttpExecutorClient;
import org.mesoslogstash.simulator.AgentSpec;
import org.mesoslogstash.simulator.MesosSimulator;
import org.mesoslogstash.simulator.SimulatorConfig;
import org.mesoslogstash.simulator.executor.InProcessExecutors;

/**
 * Issue 3's benchmark: the scheduler against a thousand simulated agents (Mesos' default intervals,
 * masters elected in a real ZooKeeper, which also keeps the scheduler's state), COMMAND launch, the
 * executors run in-process by the simulator ({@link InProcessExecutors#collectorExecutors}). Prints:
 * the time from the scheduler's SUBSCRIBED until the master has every executor's task RUNNING, the time
 * from a configuration update until every executor's status reports the new version, and the
 * scheduler's heap, measured as the heap used after a full GC with the scheduler running minus the
 * same once it is closed (the simulator, its executors and ZooKeeper keep running in between).
 *
 * <p>Usage: {@code ThousandAgentsBenchmark [agents] [timeout-seconds]}, defaults 1000 and 600;
 * {@code bin/benchmark-scheduler} builds and runs it. A main program, not a test: it prints figures.
 */
public final class ThousandAgentsBenchmark {

    static final String EXECUTOR_MARKER = "simulated-collector-executor";
    private static final String FRAMEWORK = "mesos-logstash";

    private ThousandAgentsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Duration timeout = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 600);
        Path workDir = Files.createTempDirectory("mlt-bench1000-");
        List<AgentSpec> specs = IntStream.rangeClosed(1, agents).mapToObj(i -> AgentSpec.standard(String.format(Locale.ROOT, "agent-%04d", i)))
                .toList();
        HttpClient executorHttp = HttpExecutorClient.defaultHttpClient(Duration.ofSeconds(10));
        try (TestingServer zooKeeper = new TestingServer(true)) {
            SimulatorConfig config = SimulatorConfig.mesosDefaults(specs, workDir).withZooKeeper(zooKeeper.getConnectString(), "/mesos")
                    .withInProcessExecutors(InProcessExecutors.collectorExecutors(EXECUTOR_MARKER, executorHttp));
            long t0 = System.nanoTime();
            try (MesosSimulator simulator = MesosSimulator.start(config)) {
                print("simulator: %d agents up in %.1f s", agents, seconds(System.nanoTime() - t0));
                String zkMaster = "zk://" + zooKeeper.getConnectString() + "/mesos";
                Path collectorConfig = Files.writeString(workDir.resolve("collector.json"), collectorConfig("benchmark-1"));
                InProcessScheduler scheduler = InProcessScheduler.start(InProcessScheduler.properties(zkMaster, FRAMEWORK, EXECUTOR_MARKER,
                        collectorConfig));
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
                    long version = scheduler.updateConfiguration(collectorConfig("benchmark-2")).version();
                    long allAtNew = waitFor("version " + version + " reported everywhere", timeout,
                            () -> reportingVersion(simulator, version) >= agents);
                    print("config distribution: update -> all %d executors report version %d: %.2f s", agents, version,
                            seconds(allAtNew - updated));
                } finally {
                    long withScheduler = usedHeapAfterGc();
                    scheduler.close();
                    long without = usedHeapAfterGc();
                    print("heap used after full GC: %d MiB with the scheduler, %d MiB without; scheduler: %.1f MiB (%.1f KiB per agent)",
                            mib(withScheduler), mib(without), (withScheduler - without) / 1048576.0, (withScheduler - without) / 1024.0 / agents);
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

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
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
