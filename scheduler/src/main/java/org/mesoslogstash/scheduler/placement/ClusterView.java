package org.mesoslogstash.scheduler.placement;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the rules know of the cluster at one moment, taken by the scheduler before judging offers.
 *
 * @param reconciling        the task state is not yet confirmed by Mesos; no launch may happen
 * @param agentsWithExecutor agents with an executor task that is live (STAGING, STARTING, RUNNING,
 *                           KILLING, UNREACHABLE) or being launched (accept sent, no update yet)
 * @param relaunchNotBefore  agents whose executor failed, and when the next launch may happen
 * @param now                the time the snapshot was taken
 */
public record ClusterView(boolean reconciling, Set<String> agentsWithExecutor, Map<String, Instant> relaunchNotBefore, Instant now) {

    public ClusterView {
        agentsWithExecutor = Set.copyOf(agentsWithExecutor);
        relaunchNotBefore = Map.copyOf(relaunchNotBefore);
        Objects.requireNonNull(now, "now");
    }
}
