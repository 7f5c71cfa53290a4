package org.mesoslogstash.executor.sink.elasticsearch;

/**
 * Counters of an {@link ElasticsearchSink} since it started, for the collector's status report.
 *
 * @param created        documents stored
 * @param alreadyPresent documents refused with 409 because an earlier attempt had stored them (not lost, not doubled)
 * @param deadLettered   documents Elasticsearch refused for good (mapping errors), stored in the dead-letter index
 * @param requests       bulk requests sent, retries included
 * @param retries        requests sent again after a failure of the whole request or of some items
 * @param rejected       items or requests answered 429 (Elasticsearch's back-pressure)
 * @param failures       whole requests that failed: connection errors, timeouts, 5xx and other statuses
 */
public record ElasticsearchSinkMetrics(
        long created,
        long alreadyPresent,
        long deadLettered,
        long requests,
        long retries,
        long rejected,
        long failures) {
}
