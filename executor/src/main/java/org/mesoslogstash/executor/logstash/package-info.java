/**
 * The Logstash each executor runs on its agent: one Logstash process for all the pipelines the
 * executor is given. {@link org.mesoslogstash.executor.logstash.LogstashFiles} turns the pipelines
 * into Logstash's settings and pipeline files; {@link org.mesoslogstash.executor.logstash.ManagedLogstash}
 * starts the process, reloads it when the pipelines change, restarts it when it dies and reads its
 * monitoring API for readiness and {@link org.mesoslogstash.executor.logstash.PipelineStats}.
 * See {@code docs/logstash.md}.
 */
package org.mesoslogstash.executor.logstash;
