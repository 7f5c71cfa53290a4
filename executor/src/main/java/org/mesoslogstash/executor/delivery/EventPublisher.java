package org.mesoslogstash.executor.delivery;

import org.mesoslogstash.executor.event.LogEvent;

/**
 * The entrance to the delivery pipeline for streams. {@link #publish} blocks while the pipeline
 * holds as many unacknowledged events as it allows: that is the back-pressure that stops a stream
 * from reading further when the sink is slow or down.
 */
public interface EventPublisher {

    void publish(LogEvent event) throws InterruptedException;
}
