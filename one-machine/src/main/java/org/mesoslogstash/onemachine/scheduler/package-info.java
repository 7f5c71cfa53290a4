/** The scheduler as a child process: its options, its login, its REST calls for health and teardown. */
package org.mesoslogstash.onemachine.scheduler;
