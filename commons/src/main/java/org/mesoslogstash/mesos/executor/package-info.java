/**
 * The Mesos v1 executor HTTP API, client side, without native code: {@link
 * org.mesoslogstash.mesos.executor.ExecutorEnvironment} reads what the agent put in the environment, an
 * {@link org.mesoslogstash.mesos.executor.ExecutorClient} keeps the subscription to the local agent
 * (across agent restarts when the framework checkpoints) and sends reliable status updates, and an
 * {@link org.mesoslogstash.mesos.executor.ExecutorListener} hears the events. The RecordIO event
 * stream and the error types are shared with the scheduler client, in {@code org.mesoslogstash.mesos.http}.
 */
package org.mesoslogstash.mesos.executor;
