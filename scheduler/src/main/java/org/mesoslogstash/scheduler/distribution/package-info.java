/**
 * Configuration distribution: the current, versioned collector configuration
 * ({@link org.mesoslogstash.scheduler.distribution.VersionedConfiguration}, kept in ZooKeeper) and its
 * delivery to every executor as a framework message, re-sent until each executor reports the version
 * in its status updates ({@link org.mesoslogstash.scheduler.distribution.ConfigurationDistributor}).
 *
 * <p>The path: update → store (ZooKeeper) → message to executors → applied → reported version.
 */
package org.mesoslogstash.scheduler.distribution;
