package org.mesoslogstash.executor.mesos;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the executor's work reaches its one thread: the agent's events are handed over, never run on
 * the caller's thread, and a step that throws ends the executor rather than leave its task in a state
 * nobody knows.
 */
final class ConfinedSteps {

    // Under the executor's name, so that an operator's log levels for the executor still apply.
    private static final Logger log = LoggerFactory.getLogger(CollectorExecutor.class);

    private final Executor thread;
    private final Runnable onFailedStep;

    /**
     * @param thread       the executor's single thread
     * @param onFailedStep what a step that threw leads to (on that thread): stop collecting and end
     */
    ConfinedSteps(Executor thread, Runnable onFailedStep) {
        this.thread = thread;
        this.onFailedStep = onFailedStep;
    }

    /** Hands {@code action} to the thread; once the thread has stopped, it is ignored. */
    void on(String event, Runnable action) {
        try {
            thread.execute(() -> guarded(event, action));
        } catch (RejectedExecutionException e) {
            log.debug("{} after the executor stopped; ignored", event);
        }
    }

    /**
     * Runs one step. A step that throws is a bug (or an agent refusing an update as malformed): the
     * executor cannot know what state its task is in, so it stops collecting and ends rather than
     * carry on.
     */
    void guarded(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.error("handling {} failed; stopping collection and exiting", what, e);
            onFailedStep.run();
        }
    }
}
