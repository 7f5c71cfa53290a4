package org.mesoslogstash.executor.sink;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes a sink's batch stages on one thread of their own, in the order they are handed over:
 * what depends on an acknowledgement (checkpoints, the next publish) never runs on the thread that
 * reads acknowledgements, and batches complete in publish order, as {@link Sink} promises.
 */
public final class Acknowledgements {

    private static final Logger LOG = LoggerFactory.getLogger(Acknowledgements.class);

    private final String sink;
    private final ExecutorService thread;

    public Acknowledgements(String sink) {
        this.sink = sink;
        this.thread = Executors.newSingleThreadExecutor(Thread.ofVirtual().name(sink + "-completions").factory());
    }

    /** Completes {@code batch} after every completion handed over before. */
    public void acknowledged(CompletableFuture<Void> batch) {
        thread.execute(() -> batch.complete(null));
    }

    /**
     * Fails {@code batches} (after every earlier completion) with {@code closed} and stops, waiting up
     * to {@code wait} for what depends on them.
     */
    public void failAndStop(List<CompletableFuture<Void>> batches, SinkClosedException closed, Duration wait) {
        thread.execute(() -> batches.forEach(batch -> batch.completeExceptionally(closed)));
        thread.shutdown();
        try {
            if (!thread.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: actions depending on acknowledgements still running after {}", sink, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
