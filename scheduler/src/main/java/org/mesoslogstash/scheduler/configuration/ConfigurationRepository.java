package org.mesoslogstash.scheduler.configuration;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.config.Problem;
import org.mesoslogstash.config.validation.ConfigurationValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes an operator makes to the configurations: create, update, delete, roll back. A change is
 * validated first (an invalid one is refused with every problem and stored nowhere), then stored as the
 * configuration's next version, then the full list of current configurations is published (to
 * {@code VersionedConfiguration}, which makes it the next collector assignment and distributes it).
 * Text equal to the current one is not a change: no version, nothing published.
 *
 * <p>Thread-safe: changes are serialized, so versions are numbered without gaps or races.
 */
public final class ConfigurationRepository {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationRepository.class);

    /** What a change did: the version now current, whether it created the configuration, whether anything changed at all. */
    public record Outcome(ConfigurationVersion version, boolean created, boolean unchanged, List<Problem> warnings) {
        public Outcome {
            warnings = List.copyOf(warnings);
        }
    }

    private final ConfigurationHistory history;
    private final ConfigurationValidator validator;
    private final Consumer<List<Configuration>> publish;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

    /** @param publish receives the full list of current configurations after every accepted change */
    public ConfigurationRepository(ConfigurationHistory history, ConfigurationValidator validator, Consumer<List<Configuration>> publish,
            Clock clock) {
        this.history = Objects.requireNonNull(history, "history");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.publish = Objects.requireNonNull(publish, "publish");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ConfigurationHistory history() {
        return history;
    }

    /** Checks a configuration without storing it. */
    public ConfigurationValidator.Result validate(Configuration configuration) {
        return validator.validate(configuration);
    }

    /**
     * Makes {@code text} the configuration's next version (creating it, or re-creating a deleted one).
     *
     * @throws InvalidConfigurationException with every problem; nothing stored
     */
    public synchronized Outcome put(String name, String text, String author, String comment) {
        List<Problem> warnings = validOrThrow(new Configuration(name, text), "configuration " + name + " is not valid");
        var latest = history.latest(name);
        if (latest.isPresent() && !latest.get().deleted() && latest.get().text().equals(text)) {
            return new Outcome(latest.get(), false, true, warnings);
        }
        boolean created = latest.isEmpty() || latest.get().deleted();
        ConfigurationVersion.Change change = created ? ConfigurationVersion.Change.CREATED : ConfigurationVersion.Change.UPDATED;
        return new Outcome(store(name, change, text, author, comment, 0), created, false, warnings);
    }

    /**
     * Deletes the configuration: a version without text; the executors stop running it.
     *
     * @throws NoSuchConfigurationException if there is no current version
     */
    public synchronized Outcome delete(String name, String author, String comment) {
        currentOrThrow(name);
        return new Outcome(store(name, ConfigurationVersion.Change.DELETED, "", author, comment, 0), false, false, List.of());
    }

    /**
     * A new version with the text of version {@code to}, validated again (the plugin policy may have changed
     * since); also brings back a deleted configuration.
     *
     * @throws NoSuchConfigurationException     if there is no such version
     * @throws IllegalArgumentException         if that version is a deletion
     * @throws InvalidConfigurationException    if its text is not valid now
     */
    public synchronized Outcome rollback(String name, long to, String author, String comment) {
        ConfigurationVersion target = history.version(name, to).orElseThrow(() -> new NoSuchConfigurationException(
                "configuration " + name + " has no version " + to));
        if (target.deleted()) {
            throw new IllegalArgumentException("version " + to + " of " + name + " is its deletion; roll back to a version with text");
        }
        List<Problem> warnings = validOrThrow(new Configuration(name, target.text()),
                "version " + to + " of " + name + " is not valid under the current rules");
        var latest = history.latest(name).orElseThrow();
        if (!latest.deleted() && latest.text().equals(target.text())) {
            return new Outcome(latest, false, true, warnings);
        }
        return new Outcome(store(name, ConfigurationVersion.Change.ROLLED_BACK, target.text(), author, comment, to), latest.deleted(), false, warnings);
    }

    /** @throws NoSuchConfigurationException naming whether it never existed or was deleted */
    public ConfigurationVersion currentOrThrow(String name) {
        return history.current(name).orElseThrow(() -> new NoSuchConfigurationException(history.latest(name)
                .map(v -> "configuration " + name + " was deleted in version " + v.version())
                .orElse("there is no configuration " + name)));
    }

    private List<Problem> validOrThrow(Configuration configuration, String message) {
        return switch (validator.validate(configuration)) {
            case ConfigurationValidator.Valid valid -> valid.problems();
            case ConfigurationValidator.Invalid invalid -> {
                refused.incrementAndGet();
                throw new InvalidConfigurationException(message, invalid.problems());
            }
        };
    }

    /** Changes refused as invalid since the scheduler started. */
    public long refusedChanges() {
        return refused.get();
    }

    private ConfigurationVersion store(String name, ConfigurationVersion.Change change, String text, String author, String comment,
            long rolledBackTo) {
        long next = history.latest(name).map(v -> v.version() + 1).orElse(1L);
        ConfigurationVersion version = new ConfigurationVersion(name, next, change, text, author, clock.instant(),
                comment == null || comment.isBlank() ? null : comment, rolledBackTo);
        history.append(version);
        LOG.info("Configuration {} version {} {} by {}{}", name, next, change.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                author, rolledBackTo > 0 ? " (text of version " + rolledBackTo + ")" : "");
        publish.accept(history.currentConfigurations());
        return version;
    }
}
