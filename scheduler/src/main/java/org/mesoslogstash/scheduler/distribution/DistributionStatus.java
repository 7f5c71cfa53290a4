package org.mesoslogstash.scheduler.distribution;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which configuration version each executor runs, for the web UI and health: a snapshot.
 *
 * @param currentVersion the version every executor should run; empty while there is no configuration
 * @param executors      one per agent with a running executor, ordered by agent id
 */
public record DistributionStatus(OptionalLong currentVersion, List<ExecutorConfiguration> executors) {

    public DistributionStatus {
        Objects.requireNonNull(currentVersion, "currentVersion");
        executors = List.copyOf(executors);
    }

    /** Where an executor stands with the current version. */
    public enum State {
        /** It reported the current version (or there is no configuration to distribute). */
        APPLIED,
        /** The current version was or will be sent; the executor has not reported it yet. */
        PENDING,
        /** The executor reported that it cannot apply the current version; it runs its applied one and gets no re-sends. */
        REJECTED
    }

    /**
     * @param appliedVersion the version the executor last reported; empty before its first report
     * @param rejectedVersion the last version it reported rejected, with its reason
     * @param sends          messages sent with the current version (re-sends included)
     */
    public record ExecutorConfiguration(String agentId, String executorId, String taskId, State state, OptionalLong appliedVersion,
            OptionalLong rejectedVersion, Optional<String> rejectionReason, int sends) {
    }
}
