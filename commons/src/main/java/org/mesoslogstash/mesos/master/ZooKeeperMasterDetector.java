package org.mesoslogstash.mesos.master;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the leading Mesos master through ZooKeeper. Mesos masters contend for leadership by creating
 * ephemeral sequential znodes named {@code json.info_<sequence>} under the configured path, each holding
 * the master's MasterInfo as JSON; the lowest sequence is the leader.
 *
 * <p>Works with plain one-shot watches (so also against ZooKeeper 3.4 ensembles): every watch event and
 * every reconnection re-reads the children, on one thread of this detector, so listeners see changes
 * one at a time and in order. While ZooKeeper is unreachable the last known leader is kept: the master
 * itself may still be fine, and the client notices if it is not.
 */
public final class ZooKeeperMasterDetector implements MasterDetector {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperMasterDetector.class);
    private static final String PREFIX = "json.info_";

    private final CuratorFramework zk;
    private final String path;
    private final String scheme;
    private final ExecutorService refresher;
    private final List<Consumer<Optional<URI>>> listeners = new CopyOnWriteArrayList<>();
    private final Watcher watcher = event -> scheduleRefresh();
    private final ConnectionStateListener connectionListener = this::connectionChanged;

    private final boolean ownsClient;

    private volatile Optional<URI> leader = Optional.empty();

    /**
     * @param zk     a started Curator client; the caller owns it
     * @param path   the znode the masters register under, e.g. {@code /mesos}
     * @param scheme {@code http} or {@code https}: ZooKeeper does not say which the masters speak
     */
    public ZooKeeperMasterDetector(CuratorFramework zk, String path, String scheme, ThreadFactory threadFactory) {
        this(zk, path, scheme, threadFactory, false);
    }

    private ZooKeeperMasterDetector(CuratorFramework zk, String path, String scheme, ThreadFactory threadFactory, boolean ownsClient) {
        this.ownsClient = ownsClient;
        this.zk = Objects.requireNonNull(zk, "zk");
        this.path = Objects.requireNonNull(path, "path");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.refresher = Executors.newSingleThreadExecutor(threadFactory);
    }

    /**
     * A started detector with a ZooKeeper client of its own for this address, closed with the detector.
     * The client retries with exponential backoff (1 s up to 30 s) without giving up.
     */
    public static ZooKeeperMasterDetector open(MasterAddress.ZooKeeper address, String scheme, ThreadFactory threadFactory) {
        CuratorFramework zk = CuratorFrameworkFactory.builder()
                .connectString(address.connectString())
                .retryPolicy(new BoundedExponentialBackoffRetry(1_000, 30_000, Integer.MAX_VALUE))
                .build();
        zk.start();
        ZooKeeperMasterDetector detector = new ZooKeeperMasterDetector(zk, address.path(), scheme, threadFactory, true);
        detector.start();
        return detector;
    }

    /** Starts watching; the leader becomes known asynchronously. */
    public void start() {
        zk.getConnectionStateListenable().addListener(connectionListener);
        scheduleRefresh();
    }

    @Override
    public Optional<URI> leader() {
        return leader;
    }

    @Override
    public Registration onLeaderChange(Consumer<Optional<URI>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void unreachable(URI master) {
        // ZooKeeper knows the leader better than a failed request does.
    }

    @Override
    public void close() {
        zk.getConnectionStateListenable().removeListener(connectionListener);
        refresher.shutdownNow();
        if (ownsClient) {
            zk.close();
        }
    }

    private void connectionChanged(CuratorFramework client, ConnectionState state) {
        if (state == ConnectionState.RECONNECTED) {
            scheduleRefresh();
        } else if (state == ConnectionState.LOST || state == ConnectionState.SUSPENDED) {
            LOG.warn("ZooKeeper connection {}; keeping the last known Mesos master {}", state, leader.orElse(null));
        }
    }

    private void scheduleRefresh() {
        try {
            refresher.execute(this::refresh);
        } catch (RejectedExecutionException closed) {
            // Closed: no more refreshes are wanted.
        }
    }

    private void refresh() {
        try {
            update(readLeader());
        } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException e) {
            // The RECONNECTED state change schedules the next refresh.
            LOG.warn("Cannot read the Mesos master from ZooKeeper at {}: {}", path, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Curator declares Exception; anything else (such as bad JSON) is logged and the watch,
            // already re-armed by the read, brings the next attempt.
            LOG.error("Cannot read the Mesos master from ZooKeeper at {}", path, e);
        }
    }

    private Optional<URI> readLeader() throws Exception {
        while (true) {
            List<String> children;
            try {
                children = zk.getChildren().usingWatcher(watcher).forPath(path);
            } catch (KeeperException.NoNodeException e) {
                if (zk.checkExists().usingWatcher(watcher).forPath(path) == null) {
                    return Optional.empty();
                }
                continue; // created in between
            }
            Optional<String> lowest = children.stream()
                    .filter(name -> name.startsWith(PREFIX))
                    .min((a, b) -> Long.compare(sequence(a), sequence(b)));
            if (lowest.isEmpty()) {
                if (!children.isEmpty()) {
                    LOG.warn("ZooKeeper path {} has master entries {} but none named {}<sequence>; is it a Mesos older than 0.24?", path, children, PREFIX);
                }
                return Optional.empty();
            }
            try {
                byte[] data = zk.getData().forPath(path + "/" + lowest.get());
                return Optional.of(MasterInfoJson.masterUri(data, scheme));
            } catch (KeeperException.NoNodeException e) {
                // That master's session ended between listing and reading: read again.
            }
        }
    }

    private static long sequence(String name) {
        try {
            return Long.parseLong(name.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void update(Optional<URI> current) {
        if (current.equals(leader)) {
            return;
        }
        leader = current;
        if (current.isPresent()) {
            LOG.info("Leading Mesos master is now {}", current.get());
        } else {
            LOG.warn("No leading Mesos master registered in ZooKeeper at {}", path);
        }
        for (Consumer<Optional<URI>> listener : listeners) {
            listener.accept(current);
        }
    }
}
