package org.mesoslogstash.executor.sink.elasticsearch;

import java.io.IOException;
import java.net.URI;

/** POSTs one {@code _bulk} request: the one external effect of the sink, behind an interface. */
interface BulkHttp extends AutoCloseable {

    /**
     * @param host the base URL of one node, such as {@code http://es1:9200} (a path prefix is kept)
     * @return the status and body of the answer, whatever the status
     * @throws IOException          connection refused or reset, timeout, TLS failure
     * @throws InterruptedException the sink is closing
     */
    Reply post(URI host, BulkItems.Body body) throws IOException, InterruptedException;

    @Override
    void close();

    record Reply(int status, byte[] body) {
    }
}
