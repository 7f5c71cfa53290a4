package org.mesoslogstash.scheduler.distribution;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mesoslogstash.config.Configuration;
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
     * Loads the stored configuration; with initial content (from the scheduler's options) that differs
     * from it, that becomes current under the next version.
     *
     * @param initialJson           the collector settings from the options, if any
     * @param initialConfigurations the configurations from the options; used only with {@code initialJson}
     * @throws org.mesoslogstash.scheduler.framework.StateStoreException when the store cannot be read or written
     */
    public static VersionedConfiguration load(ConfigurationStore store, Optional<String> initialJson, List<Configuration> initialConfigurations) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(initialJson, "initialJson");
        VersionedConfiguration configuration = new VersionedConfiguration(store, store.load());
        configuration.current.ifPresentOrElse(
                c -> LOG.info("Collector configuration version {} loaded from {}", c.version(), store),
                () -> LOG.info("No collector configuration stored in {}", store));
        initialJson.ifPresent(json -> configuration.update(json, initialConfigurations));
        return configuration;
    }

    @Override
    public Optional<CollectorAssignment> current() {
        return current;
    }

    /**
     * Makes these settings and configurations current under the next version, unless they are the
     * current ones. The settings are checked by the executors (docs/collector.md), which report a version
     * they reject; the configurations must have been validated.
     *
     * @return the current assignment afterwards
     * @throws org.mesoslogstash.scheduler.framework.StateStoreException when it could not be stored; nothing changed then
     */
    public synchronized CollectorAssignment update(String collectorConfigJson, List<Configuration> configurations) {
        Optional<CollectorAssignment> before = current;
        CollectorAssignment next = new CollectorAssignment(before.map(c -> c.version() + 1).orElse(1L), collectorConfigJson, configurations);
        if (before.isPresent() && before.get().sameContentAs(next)) {
            return before.get();
        }
        store.store(next);
        current = Optional.of(next);
        LOG.info("Collector configuration is now version {} ({} chars of settings, configurations: {})", next.version(),
                collectorConfigJson.length(), configurations.stream().map(Configuration::name).toList());
        return next;
    }

    /**
     * Makes these configurations current with the collector settings unchanged, under the next version
     * (unless they are the current ones); what the configuration API calls after every accepted change.
     *
     * @throws IllegalStateException when there are no collector settings yet
     * @throws org.mesoslogstash.scheduler.framework.StateStoreException when it could not be stored; nothing changed then
     */
    public synchronized CollectorAssignment replaceConfigurations(List<Configuration> configurations) {
        CollectorAssignment now = current.orElseThrow(() -> new IllegalStateException("no collector settings yet"));
        return update(now.collectorConfigJson(), configurations);
    }
}
