package org.mesoslogstash.scheduler.security;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.mesoslogstash.scheduler.framework.StateStoreException;
import org.mesoslogstash.scheduler.framework.ZooKeeperNodes;

/** The generated admin's bcrypt hash in {@code <path>/security/admin-password}; created once, never overwritten. */
public final class ZooKeeperAdminPasswordStore implements AdminPasswordStore {

    private final CuratorFramework zk;
    private final String node;

    public ZooKeeperAdminPasswordStore(CuratorFramework zk, String path) {
        this.zk = Objects.requireNonNull(zk, "zk");
        this.node = Objects.requireNonNull(path, "path") + "/security/admin-password";
    }

    @Override
    public Optional<String> load() {
        return ZooKeeperNodes.read(zk, node).map(data -> new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public boolean storeIfAbsent(String encodedPassword) {
        try {
            zk.create().creatingParentsIfNeeded().forPath(node, encodedPassword.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (KeeperException.NodeExistsException e) {
            return false;
        } catch (Exception e) { // Curator declares Exception
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new StateStoreException("create", "ZooKeeper node " + node, e);
        }
    }

    @Override
    public String toString() {
        return "ZooKeeper node " + node;
    }
}
