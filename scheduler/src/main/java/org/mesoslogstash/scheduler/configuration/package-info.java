/**
 * The configurations operators edit through the REST API, with their history: every version of every
 * configuration ({@link org.mesoslogstash.scheduler.configuration.ConfigurationHistory}, kept in
 * ZooKeeper), the checked changes ({@link org.mesoslogstash.scheduler.configuration.ConfigurationRepository})
 * and the REST calls ({@link org.mesoslogstash.scheduler.configuration.ConfigurationController}).
 *
 * <p>The path: upload → parse → validate → store (ZooKeeper, a new version) → the full list of current
 * configurations becomes the next collector assignment ({@code distribution.VersionedConfiguration}) →
 * message to executors → applied → reported version.
 */
package org.mesoslogstash.scheduler.configuration;
