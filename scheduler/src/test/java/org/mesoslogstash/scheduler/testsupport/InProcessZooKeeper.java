package org.mesoslogstash.scheduler.testsupport;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real ZooKeeper server (Curator's in-process TestingServer) and a connected client for the tests
 * of one class: {@code @RegisterExtension static final InProcessZooKeeper zooKeeper = new InProcessZooKeeper();}
 */
public final class InProcessZooKeeper implements BeforeAllCallback, AfterAllCallback {

    private TestingServer server;
    private CuratorFramework client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new TestingServer(true);
        client = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        client.start();
        client.blockUntilConnected();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        client.close();
        server.close();
    }

    /** A client connected to the server, closed after the class's tests. */
    public CuratorFramework client() {
        return client;
    }
}
