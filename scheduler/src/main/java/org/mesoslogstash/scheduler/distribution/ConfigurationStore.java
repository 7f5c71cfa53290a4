package org.mesoslogstash.scheduler.distribution;

import java.util.Optional;

import org.mesoslogstash.config.distribution.CollectorAssignment;

/**
 * Where the current configuration and its version outlive the scheduler process, so that a restarted
 * scheduler goes on counting versions and executors never see a version number reused for other
 * content. A failure is a {@link org.mesoslogstash.scheduler.framework.StateStoreException}, never "nothing stored".
 */
public interface ConfigurationStore {

    Optional<CollectorAssignment> load();

    void store(CollectorAssignment assignment);
}
