/** The scheduler's state store for one run: a ZooKeeper server inside the one-machine process. */
package org.mesoslogstash.onemachine.zookeeper;
