package org.mesoslogstash.executor.sink.elasticsearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.mesoslogstash.retry.Backoff;

/**
 * How an {@link ElasticsearchSink} reaches Elasticsearch (or OpenSearch) and where it writes.
 *
 * @param hosts                 base URLs of nodes ({@code http://es1:9200}); requests go round-robin,
 *                              and a failed request is sent again to the next one
 * @param index                 the index of each event
 * @param username              basic authentication, or null for none
 * @param password              with {@code username}
 * @param trustStore            PKCS12 trust store for {@code https} hosts; null: the JVM's CAs
 * @param trustStorePassword    for {@code trustStore}, or null
 * @param maxBulkBytes          a bulk request carries at most this many bytes (a bigger batch is
 *                              split; one bigger document travels alone). Default 5 MiB
 * @param maxConcurrentRequests bulk requests in flight at once. Default 2
 * @param connectTimeout        default 10 s
 * @param requestTimeout        an answer that takes longer counts as a failure and the request is
 *                              sent again (ids make that harmless). Default 60 s
 * @param retry                 waits between failed attempts: 200 ms doubling to 30 s; an attempt
 *                              that stored anything starts the doubling again
 */
public record ElasticsearchSinkOptions(
        List<URI> hosts,
        IndexPattern index,
        String username,
        String password,
        Path trustStore,
        String trustStorePassword,
        int maxBulkBytes,
        int maxConcurrentRequests,
        Duration connectTimeout,
        Duration requestTimeout,
        Backoff retry) {

    public static final String DEFAULT_INDEX = "mesos-logstash-%{+yyyy.MM.dd}";
    public static final int DEFAULT_MAX_BULK_BYTES = 5 * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 2;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public ElasticsearchSinkOptions {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one Elasticsearch host is needed");
        }
        for (URI host : hosts) {
            if (!("http".equals(host.getScheme()) || "https".equals(host.getScheme())) || host.getHost() == null) {
                throw new IllegalArgumentException("an Elasticsearch host is an http:// or https:// URL with a host name, not " + host);
            }
        }
        Objects.requireNonNull(index, "index");
        if (password != null && username == null) {
            throw new IllegalArgumentException("a password needs a username");
        }
        if (maxBulkBytes < 1) {
            throw new IllegalArgumentException("maxBulkBytes must be positive, was " + maxBulkBytes);
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be >= 1, was " + maxConcurrentRequests);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retry, "retry");
    }

    public static ElasticsearchSinkOptions defaults(List<URI> hosts, IndexPattern index) {
        return new ElasticsearchSinkOptions(hosts, index, null, null, null, null, DEFAULT_MAX_BULK_BYTES,
                DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, Backoff.DEFAULT);
    }

    public ElasticsearchSinkOptions withCredentials(String user, String secret) {
        return new ElasticsearchSinkOptions(hosts, index, user, secret, trustStore, trustStorePassword, maxBulkBytes,
                maxConcurrentRequests, connectTimeout, requestTimeout, retry);
    }

    public ElasticsearchSinkOptions withTrustStore(Path store, String storePassword) {
        return new ElasticsearchSinkOptions(hosts, index, username, password, store, storePassword, maxBulkBytes,
                maxConcurrentRequests, connectTimeout, requestTimeout, retry);
    }

    public ElasticsearchSinkOptions withMaxBulkBytes(int bytes) {
        return new ElasticsearchSinkOptions(hosts, index, username, password, trustStore, trustStorePassword, bytes,
                maxConcurrentRequests, connectTimeout, requestTimeout, retry);
    }

    public ElasticsearchSinkOptions withMaxConcurrentRequests(int requests) {
        return new ElasticsearchSinkOptions(hosts, index, username, password, trustStore, trustStorePassword, maxBulkBytes,
                requests, connectTimeout, requestTimeout, retry);
    }

    public ElasticsearchSinkOptions withRequestTimeout(Duration timeout) {
        return new ElasticsearchSinkOptions(hosts, index, username, password, trustStore, trustStorePassword, maxBulkBytes,
                maxConcurrentRequests, connectTimeout, timeout, retry);
    }

    public ElasticsearchSinkOptions withRetry(Backoff backoff) {
        return new ElasticsearchSinkOptions(hosts, index, username, password, trustStore, trustStorePassword, maxBulkBytes,
                maxConcurrentRequests, connectTimeout, requestTimeout, backoff);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "elasticsearch " + hosts + " index " + index + (username != null ? " as " + username : "");
    }
}
