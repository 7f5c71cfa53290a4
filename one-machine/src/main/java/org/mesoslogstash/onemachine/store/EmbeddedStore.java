package org.mesoslogstash.onemachine.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.mesoslogstash.onemachine.collection.CollectorSettings;
import org.mesoslogstash.opensearch.OpenSearchNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: one OpenSearch node ({@link OpenSearchNode}, a JVM of its own with a fixed
 * heap, on 127.0.0.1) with its data under the data directory, so that what was collected survives
 * runs. A single node has nowhere to put replicas, so the log indexes get none (an index template,
 * and the setting on indexes that exist already), and the cluster is green.
 */
public final class EmbeddedStore implements LogStore {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStore.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final String NO_REPLICAS = "{\"index\": {\"number_of_replicas\": 0}}";

    private final OpenSearchNode node;
    private final Path dir;

    private EmbeddedStore(OpenSearchNode node, Path dir) {
        this.node = node;
        this.dir = dir;
    }

    /**
     * Starts the node on {@code port} and waits until it answers.
     *
     * @throws IllegalStateException if the port is taken or the node does not come up (naming its log)
     */
    public static EmbeddedStore start(Path dir, int port, String heap) throws IOException {
        ensureFree(port);
        // A loaded machine (or a slow disk) may take minutes; the one-machine mode gives everything 5.
        OpenSearchNode node = new OpenSearchNode(dir, heap, port).startTimeout(START_TIMEOUT);
        Duration took = node.start();
        EmbeddedStore store = new EmbeddedStore(node, dir);
        store.withoutReplicas();
        LOG.info("Embedded OpenSearch at {} answered after {} s; its data and log are in {}", node.uri(), took.toSeconds(), dir);
        return store;
    }

    private void withoutReplicas() {
        node.request("PUT", "/_index_template/mesos-logstash", """
                {"index_patterns": ["%s"], "priority": 1, "template": {"settings": {"number_of_replicas": 0}}}
                """.formatted(CollectorSettings.INDEX_GLOB));
        // Indexes of an earlier run, or created by the executor before the template was in place.
        node.request("PUT", "/" + CollectorSettings.INDEX_GLOB + "/_settings?allow_no_indices=true", NO_REPLICAS);
    }

    private static void ensureFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("--store-port " + port + " is in use on 127.0.0.1 (" + e.getMessage()
                    + "): give another --store-port, or write into that Elasticsearch with --elasticsearch http://127.0.0.1:" + port);
        }
    }

    /** The node's log files ({@code node-<n>.log}) and data are here. */
    public Path dir() {
        return dir;
    }

    @Override
    public URI endpoint() {
        return node.uri();
    }

    @Override
    public boolean embedded() {
        return true;
    }

    @Override
    public void close() {
        try {
            node.stop();
            LOG.info("Embedded OpenSearch stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while the embedded OpenSearch stopped");
        }
    }
}
