/**
 * What the Mesos v1 HTTP API clients share, scheduler's and executor's alike: reading a SUBSCRIBE
 * response's RecordIO stream of protobuf events, and the typed errors of a call (status and body,
 * connection failure, no subscription) that retry policy switches on.
 */
package org.mesoslogstash.mesos.http;
