package org.mesoslogstash.scheduler.configuration;

import java.util.ArrayList;
import java.util.List;

import org.mesoslogstash.scheduler.framework.StateStoreException;

/** A history store in memory; {@link #failNext()} makes the next append fail as ZooKeeper would. */
final class InMemoryConfigurationHistoryStore implements ConfigurationHistoryStore {

    private final List<ConfigurationVersion> versions = new ArrayList<>();
    private boolean failNext;

    @Override
    public synchronized List<ConfigurationVersion> loadAll() {
        return List.copyOf(versions);
    }

    @Override
    public synchronized void append(ConfigurationVersion version) {
        if (failNext) {
            failNext = false;
            throw new StateStoreException("create", "in-memory node", new IllegalStateException("connection lost"));
        }
        versions.add(version);
    }

    synchronized void failNext() {
        failNext = true;
    }

    synchronized List<ConfigurationVersion> stored() {
        return List.copyOf(versions);
    }
}
