package org.mesoslogstash.scheduler.distribution;

import java.io.IOException;
import java.util.Optional;

import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.scheduler.framework.StateStoreException;

/** The configuration store in memory, with a switch to make writes fail like an unreachable ZooKeeper. */
final class InMemoryConfigurationStore implements ConfigurationStore {

    Optional<CollectorAssignment> stored = Optional.empty();
    boolean failWrites;

    @Override
    public synchronized Optional<CollectorAssignment> load() {
        return stored;
    }

    @Override
    public synchronized void store(CollectorAssignment assignment) {
        if (failWrites) {
            throw new StateStoreException("write", "test node configuration", new IOException("ZooKeeper unreachable (test)"));
        }
        stored = Optional.of(assignment);
    }
}
