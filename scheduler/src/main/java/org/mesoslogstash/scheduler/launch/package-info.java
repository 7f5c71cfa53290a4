/** Decision → launch: the executor task (TaskInfo with its ExecutorInfo) built from the configuration and an offer. */
package org.mesoslogstash.scheduler.launch;
