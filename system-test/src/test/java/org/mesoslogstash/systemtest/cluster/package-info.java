/**
 * The scheduler, the executors and Docker together: {@link org.mesoslogstash.systemtest.cluster.Cluster}
 * starts a real ZooKeeper, the Mesos simulator (leader registered in ZooKeeper) and the scheduler's
 * exec jar as a child process; the simulated agents run the executor jar as real processes that collect
 * from this machine's Docker daemon. The jars are the ones the reactor packaged before this module's
 * integration tests ({@code ../scheduler/target}, {@code ../executor/target}).
 */
package org.mesoslogstash.systemtest.cluster;
