package org.mesoslogstash.scheduler.framework;

import java.util.Optional;

import org.apache.mesos.v1.Protos.FrameworkID;

/**
 * Where the framework id outlives the scheduler process, so that a scheduler restarted anywhere
 * subscribes as the same framework and takes over the running executors.
 *
 * <p>A failure to read or write is thrown as {@link StateStoreException}, never answered as "no id":
 * subscribing without the id would register a second framework and place a second executor everywhere.
 */
public interface FrameworkIdStore {

    Optional<FrameworkID> load();

    void store(FrameworkID id);

    /** After a teardown: the next scheduler registers a new framework. */
    void clear();
}
