package org.mesoslogstash.onemachine.store;

import java.net.URI;

import org.mesoslogstash.onemachine.collection.CollectorSettings;

/** Where the collected logs go: an Elasticsearch-compatible endpoint. */
public interface LogStore extends AutoCloseable {

    /** The URL the executor writes to, credentials included if any. */
    URI endpoint();

    /** The URL to show and to search, without credentials. */
    default URI uri() {
        return CollectorSettings.withoutUserInfo(endpoint());
    }

    /** Whether this process runs the store (and stops it). */
    boolean embedded();

    @Override
    void close();

    /** An Elasticsearch or OpenSearch someone else runs; nothing to start or stop. */
    static LogStore external(URI endpoint) {
        return new LogStore() {
            @Override
            public URI endpoint() {
                return endpoint;
            }

            @Override
            public boolean embedded() {
                return false;
            }

            @Override
            public void close() {
            }
        };
    }
}
