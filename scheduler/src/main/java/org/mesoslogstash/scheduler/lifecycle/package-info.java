/**
 * The running scheduler: {@link org.mesoslogstash.scheduler.lifecycle.LogstashScheduler} hears Mesos and
 * drives placement, launch and tasks; the REST controller exposes health and the confirmed teardown.
 */
package org.mesoslogstash.scheduler.lifecycle;
