/**
 * Launch → task status → reconciliation: the executor task of every agent
 * ({@link org.mesoslogstash.scheduler.task.TaskRegistry}), stored in ZooKeeper before it changes, the
 * relaunch backoff, and where reconciliation stands.
 */
package org.mesoslogstash.scheduler.task;
