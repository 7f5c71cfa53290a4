package org.mesoslogstash.mesos.master;

import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Tells a Mesos client which master to talk to. A master is named by its base URL
 * ({@code scheme://host:port}); the client appends the endpoint path.
 *
 * <p>Implementations are thread-safe. Listeners are called on a thread of the detector, one change at
 * a time, and must not block.
 */
public interface MasterDetector extends AutoCloseable {

    /** The master to try now: the known leader, or the best candidate; empty while none is known. */
    Optional<URI> leader();

    /**
     * Registers a listener for leader changes (including "no leader known", as empty). Returns what
     * unregisters it.
     */
    Registration onLeaderChange(Consumer<Optional<URI>> listener);

    /**
     * The client could not reach this master or it could not serve; a detector that only has
     * candidates moves on to the next one. A detector that knows the leader may ignore it.
     */
    void unreachable(URI master);

    /** Stops watching; does not close what the detector was given (such as a ZooKeeper client). */
    @Override
    void close();

    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
