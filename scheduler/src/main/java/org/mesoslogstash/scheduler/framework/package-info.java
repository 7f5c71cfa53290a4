/**
 * Who the scheduler is to Mesos: its configuration ({@link org.mesoslogstash.scheduler.framework.SchedulerProperties}),
 * the FrameworkInfo built from it, and the framework id kept in ZooKeeper so that a restarted scheduler
 * takes over the executors of its predecessor.
 */
package org.mesoslogstash.scheduler.framework;
