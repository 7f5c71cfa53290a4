/**
 * The Mesos v1 scheduler HTTP API, client side, without native code: a
 * {@link org.mesoslogstash.mesos.scheduler.SchedulerClient} keeps one subscription alive and sends
 * calls; a {@link org.mesoslogstash.mesos.scheduler.SchedulerListener} hears the events. RecordIO
 * framing lives apart, in {@code org.mesoslogstash.mesos.recordio}.
 */
package org.mesoslogstash.mesos.scheduler;
