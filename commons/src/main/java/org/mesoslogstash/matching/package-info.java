/**
 * The patterns that say which containers a configuration applies to: Docker image references and
 * patterns over them, and globs for labels and Mesos/Marathon ids. Shared so that the scheduler
 * refuses a bad pattern before any executor sees it, and the executor matches with the same rules.
 */
package org.mesoslogstash.matching;
