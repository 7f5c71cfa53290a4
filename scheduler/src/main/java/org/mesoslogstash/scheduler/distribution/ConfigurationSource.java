package org.mesoslogstash.scheduler.distribution;

import java.util.Optional;

import org.mesoslogstash.config.distribution.CollectorAssignment;

/**
 * The collector configuration every executor should run now: what a launch puts into the task's data
 * and what the {@link ConfigurationDistributor} sends to running executors.
 */
public interface ConfigurationSource {

    /** The current version and its JSON; empty while no configuration was given (executors use their defaults). */
    Optional<CollectorAssignment> current();
}
