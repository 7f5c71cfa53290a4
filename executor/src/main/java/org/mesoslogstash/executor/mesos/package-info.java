/**
 * The executor's Mesos side: {@link org.mesoslogstash.executor.mesos.ExecutorMain} is the process a
 * Mesos agent starts; {@link org.mesoslogstash.executor.mesos.CollectorExecutor} turns the agent's
 * events (LAUNCH, MESSAGE, KILL, SHUTDOWN) into runs of the collector and reports them back as task
 * status updates carrying the applied configuration version. The wire protocol is commons'
 * {@code org.mesoslogstash.mesos.executor}; the configuration messages are commons'
 * {@code org.mesoslogstash.config.distribution}.
 */
package org.mesoslogstash.executor.mesos;
