package org.mesoslogstash.executor.logstash;

import java.util.Objects;
import java.util.Optional;

/**
 * One pipeline's figures from Logstash's {@code GET /_node/stats/pipelines}.
 *
 * @param ephemeralId     changes whenever Logstash (re)creates the pipeline
 * @param queueType       {@code persisted} or {@code memory}
 * @param queueEvents     events in the persistent queue not yet processed (0 for a memory queue)
 * @param queueBytes      bytes the persistent queue takes on disk (0 for a memory queue)
 * @param reloadSuccesses reloads of this pipeline that succeeded, since Logstash started
 * @param reloadFailures  reloads (or first loads) of this pipeline that failed, since Logstash started
 * @param lastError       Logstash's message for the last failed (re)load, if any
 */
public record PipelineStats(String id, String ephemeralId, long eventsIn, long eventsFiltered, long eventsOut,
                            String queueType, long queueEvents, long queueBytes,
                            long reloadSuccesses, long reloadFailures, Optional<String> lastError) {

    public PipelineStats {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ephemeralId, "ephemeralId");
        Objects.requireNonNull(queueType, "queueType");
        Objects.requireNonNull(lastError, "lastError");
    }
}
