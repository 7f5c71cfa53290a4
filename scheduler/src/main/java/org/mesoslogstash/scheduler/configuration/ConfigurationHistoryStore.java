package org.mesoslogstash.scheduler.configuration;

import java.util.List;

/**
 * Where the versions of the configurations are kept. Versions are only ever added, never changed or
 * removed. Failures are {@link org.mesoslogstash.scheduler.framework.StateStoreException}s, never an
 * empty answer.
 */
public interface ConfigurationHistoryStore {

    /** Every stored version of every configuration, in no particular order. */
    List<ConfigurationVersion> loadAll();

    /**
     * Stores a new version; refuses (StateStoreException) a version number that is stored already, so
     * that two writers can never give one number two contents.
     */
    void append(ConfigurationVersion version);
}
