package org.mesoslogstash.onemachine.zookeeper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone ZooKeeper server in this process (ZooKeeper's own server classes), on 127.0.0.1 and a
 * free port, holding the scheduler's state for one run. Its directory is emptied at start: a run
 * begins with a new framework, seeds the configurations again and generates a new admin password;
 * what must survive runs (checkpoints, the store) lives elsewhere.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final int TICK_MILLIS = 2000;
    private static final int MAX_CONNECTIONS = 60;

    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;

    private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory connections) {
        this.server = server;
        this.connections = connections;
    }

    public static EmbeddedZooKeeper start(Path dir) throws IOException {
        deleteRecursively(dir);
        Path snapshots = Files.createDirectories(dir.resolve("data"));
        Path log = Files.createDirectories(dir.resolve("log"));
        ZooKeeperServer server = new ZooKeeperServer(snapshots.toFile(), log.toFile(), TICK_MILLIS);
        ServerCnxnFactory connections = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), MAX_CONNECTIONS);
        try {
            connections.startup(server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connections.shutdown();
            throw new IOException("interrupted while ZooKeeper started", e);
        }
        EmbeddedZooKeeper zooKeeper = new EmbeddedZooKeeper(server, connections);
        LOG.info("ZooKeeper listens on {} with its files in {}", zooKeeper.connectString(), dir);
        return zooKeeper;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String connectString() {
        return "127.0.0.1:" + connections.getLocalPort();
    }

    @Override
    public void close() {
        connections.shutdown();
        server.shutdown();
        LOG.info("ZooKeeper stopped");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
