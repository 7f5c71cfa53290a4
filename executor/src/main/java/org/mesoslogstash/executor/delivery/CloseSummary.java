package org.mesoslogstash.executor.delivery;

import java.util.Map;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;

/**
 * How a delivery pipeline ended.
 *
 * @param acknowledged       events the sink acknowledged over the pipeline's life
 * @param abandoned          events still unacknowledged when the sink was closed; not checkpointed,
 *                           so they are read and delivered again by the next run
 * @param checkpointsDurable whether every checkpoint taken was written before the deadline
 * @param checkpoints        per stream, the last position known to be durable
 */
public record CloseSummary(long acknowledged, long abandoned, boolean checkpointsDurable, Map<StreamKey, Position> checkpoints) {
}
