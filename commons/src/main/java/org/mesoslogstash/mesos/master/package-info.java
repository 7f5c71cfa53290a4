/**
 * Which Mesos master to talk to: {@link org.mesoslogstash.mesos.master.MasterAddress} parses what the
 * operator configured; a {@link org.mesoslogstash.mesos.master.MasterDetector} names the master now
 * and announces changes, either from a fixed list (redirects find the leader) or from ZooKeeper.
 */
package org.mesoslogstash.mesos.master;
