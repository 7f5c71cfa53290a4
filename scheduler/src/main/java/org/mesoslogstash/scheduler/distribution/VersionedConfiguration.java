package org.mesoslogstash.scheduler.distribution;

import java.util.Objects;
import java.util.Optional;

import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current collector configuration with its version: every change gets the next version, stored
 * before it becomes current, so a version number is never reused for other content, also across
 * scheduler restarts. Content equal to the current one is not a change (no new version, nothing re-sent).
 *
 * <p>Thread-safe: read by the scheduler's threads, updated from the web API.
 */
public final class VersionedConfiguration implements ConfigurationSource {

    private static final Logger LOG = LoggerFactory.getLogger(VersionedConfiguration.class);

    private final ConfigurationStore store;
    private volatile Optional<CollectorAssignment> current;

    private VersionedConfiguration(ConfigurationStore store, Optional<CollectorAssignment> current) {
        this.store = store;
        this.current = current;
    }

    /**
     * Loads the stored configuration; with an initial one (from the scheduler's options) that differs
     * from it, that one becomes current under the next version.
     *
     * @throws org.mesoslogstash.scheduler.framework.StateStoreException when the store cannot be read or written
     */
    public static VersionedConfiguration load(ConfigurationStore store, Optional<String> initialJson) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(initialJson, "initialJson");
        VersionedConfiguration configuration = new VersionedConfiguration(store, store.load());
        configuration.current.ifPresentOrElse(
                c -> LOG.info("Collector configuration version {} loaded from {}", c.version(), store),
                () -> LOG.info("No collector configuration stored in {}", store));
        initialJson.ifPresent(configuration::update);
        return configuration;
    }

    @Override
    public Optional<CollectorAssignment> current() {
        return current;
    }

    /**
     * Makes this JSON the current configuration under the next version, unless it is the current one.
     * The JSON is checked by the executors (docs/collector.md), which report a version they reject.
     *
     * @return the current assignment afterwards
     * @throws org.mesoslogstash.scheduler.framework.StateStoreException when it could not be stored; nothing changed then
     */
    public synchronized CollectorAssignment update(String collectorConfigJson) {
        Objects.requireNonNull(collectorConfigJson, "collectorConfigJson");
        Optional<CollectorAssignment> before = current;
        if (before.isPresent() && before.get().collectorConfigJson().equals(collectorConfigJson)) {
            return before.get();
        }
        CollectorAssignment next = new CollectorAssignment(before.map(c -> c.version() + 1).orElse(1L), collectorConfigJson);
        store.store(next);
        current = Optional.of(next);
        LOG.info("Collector configuration is now version {} ({} chars)", next.version(), collectorConfigJson.length());
        return next;
    }
}
