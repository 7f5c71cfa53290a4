package org.mesoslogstash.scheduler.configuration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.mesoslogstash.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every version of every configuration, read from the store at start and kept in memory; a version is
 * added to memory only after the store took it. The current version of a configuration is its latest;
 * a configuration whose latest version is a deletion is not current.
 *
 * <p>Thread-safe (all methods synchronized); written by {@link ConfigurationRepository} only.
 */
public final class ConfigurationHistory {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationHistory.class);

    /** The author of the versions seeded from the scheduler's options. */
    public static final String SEED_AUTHOR = "MESOS_LOGSTASH_CONFIGURATIONS";

    private final ConfigurationHistoryStore store;
    private final Map<String, List<ConfigurationVersion>> byName = new TreeMap<>();

    private ConfigurationHistory(ConfigurationHistoryStore store, List<ConfigurationVersion> stored) {
        this.store = store;
        for (ConfigurationVersion version : stored) {
            byName.computeIfAbsent(version.name(), n -> new ArrayList<>()).add(version);
        }
        byName.values().forEach(versions -> versions.sort(Comparator.comparingLong(ConfigurationVersion::version)));
    }

    /**
     * Loads the stored history. Only when nothing at all is stored (the first start) are the {@code seed}
     * configurations (the scheduler's configurations directory, already validated) stored as their
     * version 1; afterwards the store is what counts, so edits made through the API survive restarts.
     */
    public static ConfigurationHistory load(ConfigurationHistoryStore store, Clock clock, Supplier<List<Configuration>> seed) {
        Objects.requireNonNull(seed, "seed");
        ConfigurationHistory history = new ConfigurationHistory(Objects.requireNonNull(store, "store"), store.loadAll());
        if (history.byName.isEmpty()) {
            List<Configuration> initial = seed.get();
            for (Configuration configuration : initial) {
                history.append(new ConfigurationVersion(configuration.name(), 1, ConfigurationVersion.Change.CREATED, configuration.text(),
                        SEED_AUTHOR, clock.instant(), "seeded from the configurations directory at first start", 0));
            }
            LOG.info("Configuration history in {} was empty: seeded with {} configuration(s) from the options: {}", store, initial.size(),
                    initial.stream().map(Configuration::name).toList());
        } else {
            LOG.info("Configuration history loaded from {}: {} configuration(s), {} current; the configurations directory is not read again",
                    store, history.byName.size(), history.currentConfigurations().size());
        }
        return history;
    }

    /** Stores the version, then makes it the latest of its configuration. It must be the next number. */
    synchronized void append(ConfigurationVersion version) {
        long expected = latest(version.name()).map(v -> v.version() + 1).orElse(1L);
        if (version.version() != expected) {
            throw new IllegalArgumentException("version " + version.version() + " of " + version.name() + " is not the next one, " + expected);
        }
        store.append(version);
        byName.computeIfAbsent(version.name(), n -> new ArrayList<>()).add(version);
    }

    /** The latest version of the configuration, a deletion included; empty if it never existed. */
    public synchronized Optional<ConfigurationVersion> latest(String name) {
        List<ConfigurationVersion> versions = byName.get(name);
        return versions == null ? Optional.empty() : Optional.of(versions.getLast());
    }

    /** The current version: the latest, unless that is a deletion. */
    public synchronized Optional<ConfigurationVersion> current(String name) {
        return latest(name).filter(v -> !v.deleted());
    }

    /** Every version of the configuration, oldest first; none if it never existed. */
    public synchronized List<ConfigurationVersion> versions(String name) {
        return List.copyOf(byName.getOrDefault(name, List.of()));
    }

    public synchronized Optional<ConfigurationVersion> version(String name, long version) {
        return byName.getOrDefault(name, List.of()).stream().filter(v -> v.version() == version).findFirst();
    }

    /** The current version of every configuration not deleted, by name. */
    public synchronized List<ConfigurationVersion> currentVersions() {
        return byName.values().stream().map(List::getLast).filter(v -> !v.deleted()).toList();
    }

    /** What the executors are to run: the current configurations, by name. */
    public synchronized List<Configuration> currentConfigurations() {
        return currentVersions().stream().map(v -> new Configuration(v.name(), v.text())).toList();
    }

    /** Every version of every configuration, newest first (by time, then name and version). */
    public synchronized List<ConfigurationVersion> all() {
        return byName.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparing(ConfigurationVersion::time).thenComparing(ConfigurationVersion::name)
                        .thenComparingLong(ConfigurationVersion::version).reversed())
                .toList();
    }

    public synchronized int versionCount() {
        return byName.values().stream().mapToInt(List::size).sum();
    }
}
