package org.mesoslogstash.simulator.executor;

import java.util.concurrent.CompletableFuture;

/**
 * An executor the simulator runs inside its own JVM instead of as a process (see {@link
 * InProcessExecutors}). To its agent it is indistinguishable from a process: it talks to the agent's
 * executor API over HTTP. The agent sees its end through {@link #exit()}, as it sees a process exit.
 */
public interface InProcessExecutor {

    /** Completes with the exit code when the executor ends: 0 after a clean shutdown, 128 + 9 when killed. */
    CompletableFuture<Integer> exit();

    /** kill -9: stops at once, without any goodbye to the agent. Does not block. */
    void kill();
}
