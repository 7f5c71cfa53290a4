package org.mesoslogstash.mesos.master;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed list of master URLs, tried in turn. It does not know which one leads: a non-leading master
 * answers with a 307 redirect naming the leader, which the client follows. When the client reports a
 * master unreachable, the next candidate (wrapping around) becomes current.
 */
public final class StaticMasterDetector implements MasterDetector {

    private static final Logger LOG = LoggerFactory.getLogger(StaticMasterDetector.class);

    private final List<URI> masters;
    private int current;

    public StaticMasterDetector(List<URI> masters) {
        this.masters = List.copyOf(masters);
        if (this.masters.isEmpty()) {
            throw new IllegalArgumentException("at least one master URL is required");
        }
    }

    @Override
    public synchronized Optional<URI> leader() {
        return Optional.of(masters.get(current));
    }

    @Override
    public Registration onLeaderChange(Consumer<Optional<URI>> listener) {
        // The list never learns of a leader change by itself; redirects and failures drive it.
        return () -> { };
    }

    @Override
    public synchronized void unreachable(URI master) {
        if (masters.size() > 1 && masters.get(current).equals(master)) {
            current = (current + 1) % masters.size();
            LOG.info("Mesos master {} unreachable; trying {} next", master, masters.get(current));
        }
    }

    @Override
    public void close() {
    }
}
