package org.mesoslogstash.executor.checkpoint;

import java.util.Map;
import java.util.Optional;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;

/**
 * Durable resume positions, one per stream. A {@link #save} that returns has reached stable
 * storage: a {@code kill -9} right after it loses nothing. A failure is thrown as
 * {@link CheckpointException}, never swallowed, because a checkpoint that silently did not move
 * means redelivery and one that silently moved too far means loss.
 */
public interface CheckpointStore {

    Optional<Position> load(StreamKey stream);

    Map<StreamKey, Position> loadAll();

    void save(StreamKey stream, Position position);

    /**
     * Saves several streams' positions; when it returns, all of them are durable. Stores that can
     * share the cost of reaching stable storage across a batch (one directory sync for many files)
     * override this; the default saves one by one. On failure some of the positions may have been
     * saved and others not; each stream's checkpoint is still either its old or its new position.
     */
    default void saveAll(Map<StreamKey, Position> positions) {
        positions.forEach(this::save);
    }

    /** Forgets a stream whose container is gone. */
    void remove(StreamKey stream);
}
