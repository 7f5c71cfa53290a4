/**
 * How a collector configuration travels from the scheduler to the executors, and how each executor
 * says which one it applied.
 *
 * <p>The scheduler sends a {@link org.mesoslogstash.config.distribution.CollectorAssignment} (in the
 * executor task's {@code TaskInfo.data} at launch, and as a framework message whenever the
 * configuration changes). Framework messages are best-effort, so every executor reports the version
 * it runs with in the labels of its status updates ({@link
 * org.mesoslogstash.config.distribution.AppliedConfiguration}), and the scheduler re-sends until each
 * executor reports the current version.
 *
 * <p>The wire format is protobuf (proto3), written by hand with protobuf's coded streams rather than
 * generated, so that commons needs no protoc at build time. The schema, which the code follows and
 * which must only ever grow (new fields with new numbers; never reuse or renumber a field):
 *
 * <pre>
 * syntax = "proto3";
 * package mesoslogstash.distribution;
 *
 * message CollectorAssignment {
 *   uint64 version = 1;                        // required in practice: 1 or more, increasing with every change
 *   string collector_config_json = 2;          // the collector settings, docs/collector.md
 *   repeated Configuration configurations = 3; // the operators' configurations, docs/configurations.md
 * }
 *
 * message Configuration {
 *   string name = 1; // the Logstash pipeline id
 *   string text = 2; // the Logstash pipeline with its container inputs
 * }
 * </pre>
 *
 * Unknown fields are skipped when reading, so an older executor reads a newer scheduler's messages.
 */
package org.mesoslogstash.config.distribution;
