package org.mesoslogstash.executor.sink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;

/**
 * How a sink takes a batch from a publisher: under the sink's lock, the publisher waits while the
 * sink holds as many batches as it allows (back-pressure), then the batch is queued for the sink's
 * sending thread; once the sink is closed it is refused instead. An interrupt ends the wait and is
 * kept for the publisher, who may still have its batch queued.
 */
public final class HandOver {

    private HandOver() {
    }

    /**
     * @param space     signalled when the sink's queue has room or the sink closes
     * @param closed    whether the sink is closed (read under the lock)
     * @param full      whether the sink holds its limit of batches (read under the lock)
     * @param enqueue   queues the batch and wakes the sending thread (run under the lock)
     * @param acknowledged the stage of the queued batch
     * @param events    the batch's size, for the refusal's message
     */
    public static CompletionStage<Void> offer(Lock lock, Condition space, BooleanSupplier closed, BooleanSupplier full,
            Runnable enqueue, CompletionStage<Void> acknowledged, String sink, int events) {
        boolean interrupted = false;
        lock.lock();
        try {
            while (!closed.getAsBoolean() && full.getAsBoolean() && !interrupted) {
                try {
                    space.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (closed.getAsBoolean()) {
                return CompletableFuture.failedFuture(new SinkClosedException(sink, events));
            }
            enqueue.run();
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return acknowledged;
    }
}
