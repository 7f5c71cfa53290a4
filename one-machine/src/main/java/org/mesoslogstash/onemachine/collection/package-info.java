/** What the executor is told to collect and where to write it: the collector settings and the configurations. */
package org.mesoslogstash.onemachine.collection;
