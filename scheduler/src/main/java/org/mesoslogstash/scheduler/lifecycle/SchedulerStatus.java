package org.mesoslogstash.scheduler.lifecycle;

import java.util.Optional;

/** The scheduler at a glance, for the health endpoint. */
public record SchedulerStatus(boolean subscribed, Optional<String> frameworkId, boolean reconciling,
        int agentsWithExecutor, boolean tornDown, Optional<String> lastError) {
}
