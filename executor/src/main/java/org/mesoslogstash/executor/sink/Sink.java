package org.mesoslogstash.executor.sink;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.mesoslogstash.executor.event.LogEvent;

/**
 * Where events leave the collector. A sink owns retrying: the stage returned by {@link #publish}
 * completes normally only once the receiving end has acknowledged every event of the batch, and
 * completes exceptionally only when the sink is closed before that. Checkpoints advance on that
 * completion and nothing else, which is what makes delivery at-least-once.
 *
 * <p>Batches are acknowledged in the order they were published.
 */
public interface Sink extends AutoCloseable {

    CompletionStage<Void> publish(List<LogEvent> batch);

    /** Stops sending; batches not yet acknowledged complete exceptionally with {@link SinkClosedException}. */
    @Override
    void close();
}
