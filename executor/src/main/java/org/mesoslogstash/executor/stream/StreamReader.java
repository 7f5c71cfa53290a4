package org.mesoslogstash.executor.stream;

/**
 * Reads one stream and publishes its lines, until asked to stop or it fails. Runs on the thread it
 * is called on; a stop is asked for with {@link StreamRun#requestStop()} and an interrupt.
 */
public interface StreamReader {

    /**
     * @throws StreamFailure        if the stream cannot go on; its kind says whether to retry
     * @throws InterruptedException if interrupted while waiting (a stop)
     */
    void read(StreamRun run) throws StreamFailure, InterruptedException;
}
