package org.mesoslogstash.executor.delivery;

import java.time.Instant;
import java.util.Map;
import org.mesoslogstash.executor.checkpoint.CheckpointWriter;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;

/**
 * A snapshot of a delivery pipeline's counters.
 *
 * @param at                  when the snapshot was taken
 * @param published           events taken by {@code publish} since the start
 * @param acknowledged        events the sink acknowledged
 * @param bytes               bytes of line content published
 * @param unacknowledged      events taken but not yet acknowledged (at most the window)
 * @param uncheckpointed      acknowledged events whose checkpoint is not yet durable
 * @param batches             batches handed to the sink
 * @param sinkFailures        batches the sink failed (it was closed under the pipeline)
 * @param checkpointed        per stream, the last position known to be durable
 * @param checkpointWriter    the checkpoint writer's status (is the disk keeping up?)
 */
public record DeliveryMetrics(
        Instant at,
        long published,
        long acknowledged,
        long bytes,
        long unacknowledged,
        long uncheckpointed,
        long batches,
        long sinkFailures,
        Map<StreamKey, Position> checkpointed,
        CheckpointWriter.Status checkpointWriter) {
}
