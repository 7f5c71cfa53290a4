package org.mesoslogstash.executor.mesos;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.mesoslogstash.executor.assignment.AgentPlan;
import org.mesoslogstash.executor.collector.DiscoveredContainer;
import org.mesoslogstash.executor.delivery.DeliveryMetrics;
import org.mesoslogstash.executor.logstash.PipelineStats;
import org.mesoslogstash.executor.stream.StreamStatus;

/**
 * One run of an {@link AgentPlan}, as the Mesos executor sees it: how far it is, a newer plan to run,
 * and stopping. In production an {@link AgentRun}; tests replace it.
 */
public interface CollectorRun {

    /** How far a run is; the executor reports TASK_RUNNING only once it is {@link Ready}. */
    sealed interface Readiness {
    }

    /** Collection is under way, and so is Logstash when the plan has one. */
    record Ready() implements Readiness {
    }

    /** Discovery has not reached Docker yet. */
    record WaitingForDocker() implements Readiness {
    }

    /** Logstash is starting its pipelines; {@code status} says how far it is. */
    record WaitingForLogstash(String status) implements Readiness {
    }

    /** The run cannot go on, for a reason an operator can act on (Logstash could not start, say). */
    record Failed(String reason) implements Readiness {
    }

    Readiness readiness();

    /**
     * Runs {@code plan} from now on without restarting what does not need it: Logstash reloads only the
     * pipelines that changed, then the collector takes the new rules. Its settings other than the rules
     * must be the running plan's. Completes once both are done; exceptionally when Logstash refused a
     * pipeline, in which case the collector keeps its old rules and Logstash the pipelines it runs.
     */
    CompletionStage<Void> apply(AgentPlan plan);

    /**
     * The run's figures now, for the executor's report to the scheduler.
     *
     * @param containers     the running containers discovery sees, each with its number of streams
     * @param streams        every stream the collector knows
     * @param delivery       the delivery pipeline's totals
     * @param logstashStatus what the executor's Logstash does, or null without one
     * @param pipelines      its pipelines' figures (empty when Logstash cannot be asked)
     */
    record Figures(List<DiscoveredContainer> containers, Collection<StreamStatus> streams, DeliveryMetrics delivery, String logstashStatus, Map<String, PipelineStats> pipelines) {
    }

    /** May ask Logstash's monitoring API: not for the executor's own thread. */
    Figures figures();

    /** Stops collection (flushing checkpoints) and Logstash within {@code within}. */
    void close(Duration within) throws InterruptedException;

    /** Starts a run; may throw {@link org.mesoslogstash.executor.collector.ConfigException} for what only starting shows. */
    @FunctionalInterface
    interface Starter {
        CollectorRun start(AgentPlan plan);
    }
}
