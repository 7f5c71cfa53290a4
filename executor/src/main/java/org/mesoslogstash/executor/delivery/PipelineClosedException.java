package org.mesoslogstash.executor.delivery;

/** An event was published to a pipeline that is closing or closed; it was not taken. */
public final class PipelineClosedException extends IllegalStateException {

    public PipelineClosedException(String what) {
        super("delivery pipeline is closed; " + what + " was refused");
    }
}
