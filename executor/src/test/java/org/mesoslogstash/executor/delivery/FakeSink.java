package org.mesoslogstash.executor.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.sink.Sink;
import org.mesoslogstash.executor.sink.SinkClosedException;

/** A sink whose acknowledgements the test gives, batch by batch; or that acknowledges at once. */
final class FakeSink implements Sink {

    private final List<List<LogEvent>> batches = new ArrayList<>();
    private final List<CompletableFuture<Void>> acks = new ArrayList<>();
    private boolean autoAck;
    private boolean closed;

    synchronized FakeSink autoAck() {
        autoAck = true;
        acks.forEach(f -> f.complete(null));
        return this;
    }

    @Override
    public CompletionStage<Void> publish(List<LogEvent> batch) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        boolean now;
        synchronized (this) {
            batches.add(List.copyOf(batch));
            acks.add(ack);
            now = autoAck;
            if (closed) {
                ack.completeExceptionally(new SinkClosedException("fake", batch.size()));
            }
        }
        if (now) {
            ack.complete(null);
        }
        return ack;
    }

    /** Acknowledges the batch with this index (0 for the first published). */
    void ack(int batch) {
        CompletableFuture<Void> f;
        synchronized (this) {
            f = acks.get(batch);
        }
        f.complete(null);
    }

    synchronized int batchCount() {
        return batches.size();
    }

    synchronized List<LogEvent> batch(int index) {
        return batches.get(index);
    }

    synchronized int eventCount() {
        return batches.stream().mapToInt(List::size).sum();
    }

    synchronized boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> pending;
        synchronized (this) {
            closed = true;
            pending = List.copyOf(acks);
        }
        pending.forEach(f -> f.completeExceptionally(new SinkClosedException("fake", 0)));
    }
}
