package org.mesoslogstash.executor.delivery;

import java.util.ArrayDeque;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;

/**
 * The events of one stream that are on their way, in the order they were published, and the
 * contiguous acknowledged prefix of them. A checkpoint is taken only from that prefix, so it never
 * passes an event that is not acknowledged, whatever order acknowledgements arrive in.
 *
 * <p>Only events that end a line can give a checkpoint: for a long line split into parts, the
 * stream must resume at the line's start until its last part is acknowledged, and that start is
 * exactly the previous checkpoint. So non-last parts are never checkpointed, whatever their
 * {@code resumeAfter} says.
 *
 * <p>Acknowledgements of events from an older generation than the stream's current one, or of a
 * forgotten stream, move nothing. Confined to the pipeline's lock.
 */
final class AckLedger {

    /** One published event of this stream. */
    static final class Slot {
        final AckLedger ledger;
        final long generation;
        /** Where to resume once this event is acknowledged, or null when it ends no line. */
        final Position checkpoint;
        boolean acked;

        Slot(AckLedger ledger, long generation, Position checkpoint) {
            this.ledger = ledger;
            this.generation = generation;
            this.checkpoint = checkpoint;
        }
    }

    /**
     * What an advance of the acknowledged prefix found.
     *
     * @param released   events that left the ledger (all acknowledged)
     * @param live       of those, events of the current generation of a stream not forgotten
     * @param checkpoint the position to save, or null if none may be saved
     * @param covered    live events (this time or carried from earlier advances) the checkpoint covers
     */
    record Advance(int released, int live, Position checkpoint, int covered) {
    }

    final StreamKey stream;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private long generation;
    private boolean forgotten;
    /** Acknowledged live events after the last checkpoint taken (parts of a line not yet complete). */
    private int carried;
    /** Used by the pipeline to visit each ledger once per batch. */
    long visitMark;

    AckLedger(StreamKey stream, long generation) {
        this.stream = stream;
        this.generation = generation;
    }

    long generation() {
        return generation;
    }

    boolean forgotten() {
        return forgotten;
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    int carried() {
        return carried;
    }

    /**
     * Adds a published event. An event of a newer generation makes the stream's earlier events
     * stale (their acknowledgements no longer move its checkpoint) and revives a forgotten stream.
     */
    Slot add(LogEvent event) {
        if (event.generation() > generation) {
            generation = event.generation();
            forgotten = false;
            carried = 0;
        }
        boolean endsLine = event.split() == null || event.split().last();
        Slot slot = new Slot(this, event.generation(), endsLine ? event.resumeAfter() : null);
        slots.addLast(slot);
        return slot;
    }

    /** From now on nothing moves this stream's checkpoint, until an event of a newer generation. */
    void forget() {
        forgotten = true;
        carried = 0;
    }

    /** Drops carried events without a checkpoint; returns how many. */
    int dropCarried() {
        int dropped = carried;
        carried = 0;
        return dropped;
    }

    Advance advance() {
        int released = 0;
        int live = 0;
        Position checkpoint = null;
        int covered = 0;
        int count = carried;
        while (!slots.isEmpty() && slots.peekFirst().acked) {
            Slot slot = slots.pollFirst();
            released++;
            if (!forgotten && slot.generation == generation) {
                live++;
                count++;
                if (slot.checkpoint != null) {
                    checkpoint = slot.checkpoint;
                    covered = count;
                }
            }
        }
        carried = count - covered;
        return new Advance(released, live, checkpoint, covered);
    }
}
