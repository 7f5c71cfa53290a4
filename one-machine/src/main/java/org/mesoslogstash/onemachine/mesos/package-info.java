/** Mesos on this machine: the simulator's master and one agent for this host. */
package org.mesoslogstash.onemachine.mesos;
