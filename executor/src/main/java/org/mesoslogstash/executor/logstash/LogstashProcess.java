package org.mesoslogstash.executor.logstash;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A running Logstash, as {@link ManagedLogstash} drives it; tests replace the operating system's process. */
public interface LogstashProcess {

    long pid();

    boolean isAlive();

    /** Completes with the exit code when the process has ended. */
    CompletableFuture<Integer> onExit();

    /** Asks Logstash to reload its pipelines (SIGHUP). */
    void reload() throws IOException;

    /** Asks Logstash to stop (SIGTERM): it finishes its in-flight batches and closes its queues. */
    void terminate();

    /** Ends the process and anything it started at once (SIGKILL). */
    void kill();

    /** The last lines Logstash wrote to stdout and stderr, oldest first, for error reports. */
    List<String> lastOutput();
}
