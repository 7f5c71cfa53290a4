package org.mesoslogstash.executor.mesos;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.mesoslogstash.executor.assignment.AgentPlan;
import org.mesoslogstash.executor.collector.RunningCollector;
import org.mesoslogstash.executor.logstash.LogstashException;
import org.mesoslogstash.executor.logstash.ManagedLogstash;
import org.mesoslogstash.executor.logstash.PipelineStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RunningCollector} and, when the plan's sink is the executor's own Logstash, that
 * {@link ManagedLogstash} with the plan's pipelines. Logstash starts and reloads on a worker thread of
 * the run, never on the executor's: a reload may take a minute, and a KILL must be heard meanwhile.
 * The collector starts at once; until Logstash listens, its beats sink waits and retries, and the
 * streams wait with it (nothing is read that could not be delivered).
 */
final class AgentRun implements CollectorRun {

    private static final Logger log = LoggerFactory.getLogger(AgentRun.class);
    private static final Duration LOGSTASH_STOP = Duration.ofSeconds(30);

    /** A Logstash for a plan, its files under the given work directory unless the environment says otherwise. */
    @FunctionalInterface
    interface LogstashFactory {
        ManagedLogstash create(Path defaultWorkDir);
    }

    private final RunningCollector collector;
    private final LogstashFactory logstashFactory;
    private final Path logstashWorkDir;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("agent-run").factory());

    // Written by the worker only.
    private volatile ManagedLogstash logstash;
    private volatile boolean logstashWanted;
    private volatile boolean logstashStarted;
    private volatile String failure;

    private AgentRun(RunningCollector collector, LogstashFactory logstashFactory, Path logstashWorkDir) {
        this.collector = collector;
        this.logstashFactory = logstashFactory;
        this.logstashWorkDir = logstashWorkDir;
    }

    /** Starts runs; Logstash keeps its files (persistent queues included) next to the checkpoints, which survive restarts. */
    static Starter starter(Clock clock, LogstashFactory logstashFactory) {
        return plan -> {
            AgentRun run = new AgentRun(RunningCollector.start(plan.collector(), clock), logstashFactory,
                    plan.collector().checkpointDir().toAbsolutePath().resolveSibling("logstash"));
            if (plan.runsLogstash()) {
                run.logstashWanted = !plan.pipelines().isEmpty();
                run.worker.execute(() -> run.converge(plan.pipelines(), true));
            }
            return run;
        };
    }

    @Override
    public Readiness readiness() {
        if (failure != null) {
            return new Failed(failure);
        }
        if (!collector.ready()) {
            return new WaitingForDocker();
        }
        if (logstashWanted && !logstashStarted) {
            ManagedLogstash current = logstash;
            return new WaitingForLogstash(current == null ? "not started yet" : current.status().describe());
        }
        return new Ready();
    }

    @Override
    public CompletionStage<Void> apply(AgentPlan plan) {
        return CompletableFuture.runAsync(() -> {
            if (plan.runsLogstash()) {
                converge(plan.pipelines(), false);
            }
            collector.apply(plan.collector().rules());
        }, worker);
    }

    /**
     * Brings Logstash to {@code pipelines}: started when there are some and it does not run, reloaded
     * when it runs, stopped when there are none (Logstash refuses to run without a pipeline). At the
     * start a failure ends the run; later it fails only this change.
     */
    private void converge(Map<String, String> pipelines, boolean atStart) {
        logstashWanted = !pipelines.isEmpty();
        try {
            if (pipelines.isEmpty()) {
                if (logstash != null) {
                    log.info("no configuration needs Logstash any more; stopping it");
                    logstash.close(LOGSTASH_STOP);
                    logstash = null;
                    logstashStarted = false;
                }
                return;
            }
            if (logstash == null) {
                logstash = logstashFactory.create(logstashWorkDir);
                logstash.start(pipelines);
                logstashStarted = true;
                log.info("Logstash runs the pipelines {}", pipelines.keySet());
            } else {
                logstash.apply(pipelines);
                log.info("Logstash now runs the pipelines {}", pipelines.keySet());
            }
        } catch (LogstashException e) {
            if (atStart) {
                failure = e.getMessage();
            } else {
                throw new IllegalStateException(e.getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Figures figures() {
        ManagedLogstash running = logstash;
        if (running == null) {
            return new Figures(collector.discoveredContainers(), collector.streamStatuses().values(), collector.deliveryMetrics(), null, Map.of());
        }
        Map<String, PipelineStats> pipelines;
        try {
            pipelines = running.stats();
        } catch (LogstashException e) {
            log.debug("no pipeline figures for the report: {}", e.getMessage());
            pipelines = Map.of();
        }
        return new Figures(collector.discoveredContainers(), collector.streamStatuses().values(), collector.deliveryMetrics(), running.status().describe(), pipelines);
    }

    /** Half of {@code within} for each: the collector flushes its checkpoints, then Logstash closes its queues. */
    @Override
    public void close(Duration within) throws InterruptedException {
        worker.shutdownNow();
        Duration half = within.dividedBy(2);
        collector.close(half);
        worker.awaitTermination(1, TimeUnit.SECONDS);
        ManagedLogstash running = logstash;
        if (running != null) {
            // After the collector: what it delivered last is in Logstash's persistent queue by now.
            running.close(half);
        }
    }
}
