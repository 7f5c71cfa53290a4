package org.mesoslogstash.onemachine.lifecycle;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.mesoslogstash.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the executor the way Mesos does, so that it ends its streams (no {@code tail} left in any
 * container) and writes its checkpoints: the scheduler's teardown (kill the task, TEARDOWN the
 * framework); if the scheduler cannot be asked, the agent is told to shut the framework's executors
 * down. Then it waits for the executor's process to end.
 */
public final class FrameworkTeardown implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkTeardown.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** The two ways to ask. */
    public interface Mesos {
        /** Asks the scheduler to tear its framework down. */
        void teardownThroughScheduler() throws IOException;

        /** Tells the agent to shut the framework's executors down. */
        void shutdownOnAgent();

        boolean executorsRunning();
    }

    private final Mesos mesos;
    private final Sleeper sleeper;
    private final Duration wait;
    private final Optional<String> noSchedulerTeardown;

    /**
     * @param wait                how long the executor may take to end after being asked (the agent's
     *                            shutdown grace period and some)
     * @param noSchedulerTeardown why the scheduler cannot be asked (no password known), if so
     */
    public FrameworkTeardown(Mesos mesos, Sleeper sleeper, Duration wait, Optional<String> noSchedulerTeardown) {
        this.mesos = mesos;
        this.sleeper = sleeper;
        this.wait = wait;
        this.noSchedulerTeardown = noSchedulerTeardown;
    }

    @Override
    public void close() throws InterruptedException {
        if (noSchedulerTeardown.isPresent()) {
            LOG.info("Shutting the executor down through the agent: {}", noSchedulerTeardown.get());
            mesos.shutdownOnAgent();
        } else {
            try {
                mesos.teardownThroughScheduler();
                LOG.info("Framework torn down through the scheduler; waiting for the executor to end");
            } catch (IOException e) {
                LOG.warn("The scheduler could not tear the framework down ({}); shutting the executor down through the agent", e.getMessage());
                mesos.shutdownOnAgent();
            }
        }
        if (!waitUntil(() -> !mesos.executorsRunning())) {
            LOG.warn("The executor still runs {} s after it was asked to end; the agent kills it", wait.toSeconds());
        } else {
            LOG.info("Executor ended");
        }
    }

    private boolean waitUntil(BooleanSupplier condition) throws InterruptedException {
        for (Duration waited = Duration.ZERO; waited.compareTo(wait) < 0; waited = waited.plus(POLL)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleeper.sleep(POLL);
        }
        return condition.getAsBoolean();
    }
}
