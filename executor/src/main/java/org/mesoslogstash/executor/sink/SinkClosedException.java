package org.mesoslogstash.executor.sink;

/** Completes the batches a sink had not had acknowledged when it was closed. */
public final class SinkClosedException extends RuntimeException {

    public SinkClosedException(String sinkName, int unacknowledgedEvents) {
        super(sinkName + " closed with " + unacknowledgedEvents + " events not acknowledged; they will be read again from the checkpoint");
    }
}
