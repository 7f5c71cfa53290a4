package org.mesoslogstash.executor.mesos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

import org.mesoslogstash.executor.assignment.AgentPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collection run the task has now, if any, and by when Docker must have answered it. At most
 * one run at a time: a new one starts only after the old one was closed. Not thread-safe: owned by
 * the executor's thread.
 */
final class CurrentRun {

    // Under the executor's name, so that an operator's log levels for the executor still apply.
    private static final Logger log = LoggerFactory.getLogger(CollectorExecutor.class);

    private final CollectorRun.Starter starter;
    private final Clock clock;
    private final Duration dockerReadyTimeout;
    private CollectorRun run;
    private String dockerEndpoint;
    private Instant readyDeadline;

    CurrentRun(CollectorRun.Starter starter, Clock clock, Duration dockerReadyTimeout) {
        this.starter = starter;
        this.clock = clock;
        this.dockerReadyTimeout = dockerReadyTimeout;
    }

    /**
     * Starts collecting with {@code plan}; Docker must answer within the ready timeout from now.
     *
     * @throws org.mesoslogstash.executor.collector.ConfigException for what only starting shows
     */
    void start(AgentPlan plan) {
        run = starter.start(plan);
        dockerEndpoint = plan.collector().docker().uri().toString();
        readyDeadline = clock.instant().plus(dockerReadyTimeout);
    }

    boolean isPresent() {
        return run != null;
    }

    CollectorRun get() {
        return run;
    }

    /** The run's readiness, except that waiting for Docker past the deadline is a failure. */
    CollectorRun.Readiness readiness() {
        CollectorRun.Readiness readiness = run.readiness();
        if (readiness instanceof CollectorRun.WaitingForDocker && !clock.instant().isBefore(readyDeadline)) {
            return new CollectorRun.Failed("Docker at " + dockerEndpoint + " did not answer within " + dockerReadyTimeout
                    + ", so no container can be watched: check that the Docker daemon runs and that the executor can reach it "
                    + "(its socket mounted into the executor's container, DOCKER_HOST or the configuration's \"docker\")");
        }
        return readiness;
    }

    CompletionStage<Void> apply(AgentPlan plan) {
        return run.apply(plan);
    }

    /** Stops the run, if there is one, within {@code within}; afterwards there is none. */
    void close(Duration within) {
        CollectorRun closing = run;
        run = null;
        if (closing == null) {
            return;
        }
        try {
            closing.close(within);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while stopping collection; unacknowledged lines will be read again on the next start");
        }
    }
}
