package org.mesoslogstash.scheduler.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mesoslogstash.scheduler.configuration.ConfigurationTexts.BROKEN;
import static org.mesoslogstash.scheduler.configuration.ConfigurationTexts.EXEC;
import static org.mesoslogstash.scheduler.configuration.ConfigurationTexts.NGINX;
import static org.mesoslogstash.scheduler.configuration.ConfigurationTexts.NGINX_V2;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.config.Problem;
import org.mesoslogstash.config.validation.ConfigurationValidator;
import org.mesoslogstash.config.validation.PluginPolicy;
import org.mesoslogstash.scheduler.configuration.ConfigurationVersion.Change;
import org.mesoslogstash.scheduler.framework.StateStoreException;
import org.mesoslogstash.scheduler.testsupport.MutableClock;

class ConfigurationRepositoryTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final InMemoryConfigurationHistoryStore store = new InMemoryConfigurationHistoryStore();
    private final List<List<Configuration>> published = new ArrayList<>();

    private ConfigurationRepository repository(List<Configuration> seed) {
        ConfigurationHistory history = ConfigurationHistory.load(store, clock, () -> seed);
        return new ConfigurationRepository(history, new ConfigurationValidator(PluginPolicy.strict()), published::add, clock);
    }

    @Test
    void theFirstPutCreatesVersionOneAndPublishesTheFullList() {
        ConfigurationRepository repository = repository(List.of(new Configuration("seeded", NGINX)));

        ConfigurationRepository.Outcome outcome = repository.put("nginx", NGINX, "alice", "first");

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.version()).isEqualTo(new ConfigurationVersion("nginx", 1, Change.CREATED, NGINX, "alice", clock.instant(), "first", 0));
        assertThat(published).containsExactly(List.of(new Configuration("nginx", NGINX), new Configuration("seeded", NGINX)));
        assertThat(store.stored()).contains(outcome.version());
    }

    @Test
    void anUpdateIsTheNextVersion() {
        ConfigurationRepository repository = repository(List.of());
        repository.put("nginx", NGINX, "alice", null);
        clock.advance(Duration.ofMinutes(1));

        ConfigurationRepository.Outcome outcome = repository.put("nginx", NGINX_V2, "bob", "error log instead");

        assertThat(outcome.created()).isFalse();
        assertThat(outcome.version().version()).isEqualTo(2);
        assertThat(outcome.version().change()).isEqualTo(Change.UPDATED);
        assertThat(repository.history().current("nginx").orElseThrow().text()).isEqualTo(NGINX_V2);
        assertThat(published.getLast()).containsExactly(new Configuration("nginx", NGINX_V2));
    }

    @Test
    void theSameTextAgainIsNoChange() {
        ConfigurationRepository repository = repository(List.of());
        repository.put("nginx", NGINX, "alice", null);

        ConfigurationRepository.Outcome outcome = repository.put("nginx", NGINX, "bob", null);

        assertThat(outcome.unchanged()).isTrue();
        assertThat(outcome.version().version()).isEqualTo(1);
        assertThat(published).hasSize(1);
        assertThat(store.stored()).hasSize(1);
    }

    @Test
    void anInvalidConfigurationIsRefusedWithEveryProblemAndStoredNowhere() {
        ConfigurationRepository repository = repository(List.of());

        assertThatThrownBy(() -> repository.put("shell", EXEC, "alice", null))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
                            assertThat(p.line()).isEqualTo(2);
                            assertThat(p.column()).isEqualTo(3);
                            assertThat(p.message()).contains("exec").contains("MESOS_LOGSTASH_ALLOWED_PLUGINS");
                        }));
        assertThatThrownBy(() -> repository.put("Bad Name", BROKEN, "alice", null))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.line()).isZero())
                        .anySatisfy(p -> assertThat(p.line()).isEqualTo(4)));
        assertThat(store.stored()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void aDeletionIsAVersionAndTheConfigurationIsNoLongerCurrent() {
        ConfigurationRepository repository = repository(List.of());
        repository.put("nginx", NGINX, "alice", null);

        ConfigurationRepository.Outcome outcome = repository.delete("nginx", "bob", "not needed");

        assertThat(outcome.version().version()).isEqualTo(2);
        assertThat(outcome.version().deleted()).isTrue();
        assertThat(repository.history().current("nginx")).isEmpty();
        assertThat(published.getLast()).isEmpty();
        assertThatThrownBy(() -> repository.delete("nginx", "bob", null)).isInstanceOf(NoSuchConfigurationException.class)
                .hasMessageContaining("deleted in version 2");
        assertThatThrownBy(() -> repository.delete("other", "bob", null)).isInstanceOf(NoSuchConfigurationException.class)
                .hasMessageContaining("there is no configuration other");
    }

    @Test
    void aPutAfterADeletionCreatesItAgainWithTheNextVersion() {
        ConfigurationRepository repository = repository(List.of());
        repository.put("nginx", NGINX, "alice", null);
        repository.delete("nginx", "alice", null);

        ConfigurationRepository.Outcome outcome = repository.put("nginx", NGINX, "alice", null);

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.version().version()).isEqualTo(3);
        assertThat(outcome.version().change()).isEqualTo(Change.CREATED);
    }

    @Test
    void aRollbackIsANewVersionWithTheOldText() {
        ConfigurationRepository repository = repository(List.of());
        repository.put("nginx", NGINX, "alice", null);
        repository.put("nginx", NGINX_V2, "alice", null);

        ConfigurationRepository.Outcome outcome = repository.rollback("nginx", 1, "bob", "error log was too noisy");

        assertThat(outcome.version()).isEqualTo(new ConfigurationVersion("nginx", 3, Change.ROLLED_BACK, NGINX, "bob", clock.instant(),
                "error log was too noisy", 1));
        assertThat(published.getLast()).containsExactly(new Configuration("nginx", NGINX));
    }

    @Test
    void aRollbackToADeletionOrAMissingVersionIsRefused() {
        ConfigurationRepository repository = repository(List.of());
        repository.put("nginx", NGINX, "alice", null);
        repository.delete("nginx", "alice", null);

        assertThatThrownBy(() -> repository.rollback("nginx", 2, "bob", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deletion");
        assertThatThrownBy(() -> repository.rollback("nginx", 7, "bob", null)).isInstanceOf(NoSuchConfigurationException.class);
        assertThat(repository.rollback("nginx", 1, "bob", null).created()).isTrue();
    }

    @Test
    void aRollbackIsValidatedAgainUnderTheCurrentPolicy() {
        ConfigurationHistory lenient = ConfigurationHistory.load(store, clock, List::of);
        ConfigurationRepository allowingExec = new ConfigurationRepository(lenient,
                new ConfigurationValidator(new PluginPolicy(java.util.Set.of("exec"))), published::add, clock);
        allowingExec.put("shell", EXEC, "alice", null);
        allowingExec.put("shell", NGINX, "alice", null);
        ConfigurationRepository strict = repository(List.of()); // restarted without MESOS_LOGSTASH_ALLOWED_PLUGINS=exec

        assertThatThrownBy(() -> strict.rollback("shell", 1, "bob", null)).isInstanceOfSatisfying(InvalidConfigurationException.class,
                e -> assertThat(e.problems()).extracting(Problem::line, Problem::column).containsExactly(org.assertj.core.groups.Tuple.tuple(2, 3)));
        assertThat(strict.history().latest("shell").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void theSeedIsUsedOnlyWhenNothingIsStored() {
        repository(List.of(new Configuration("seeded", NGINX))).put("nginx", NGINX, "alice", null);

        ConfigurationRepository restarted = repository(List.of(new Configuration("seeded", NGINX_V2), new Configuration("new", NGINX)));

        assertThat(restarted.history().currentConfigurations())
                .containsExactly(new Configuration("nginx", NGINX), new Configuration("seeded", NGINX));
        assertThat(restarted.history().version("seeded", 1).orElseThrow().author()).isEqualTo(ConfigurationHistory.SEED_AUTHOR);
    }

    @Test
    void aChangeTheStoreRefusesIsNeitherKeptNorPublished() {
        ConfigurationRepository repository = repository(List.of());
        store.failNext();

        assertThatThrownBy(() -> repository.put("nginx", NGINX, "alice", null)).isInstanceOf(StateStoreException.class);

        assertThat(repository.history().latest("nginx")).isEmpty();
        assertThat(published).isEmpty();
        assertThat(repository.put("nginx", NGINX, "alice", null).version().version()).isEqualTo(1);
    }

    @Test
    void theAuditListsEveryVersionNewestFirst() {
        ConfigurationRepository repository = repository(List.of());
        repository.put("a", NGINX, "alice", null);
        clock.advance(Duration.ofSeconds(1));
        repository.put("b", NGINX, "bob", null);
        clock.advance(Duration.ofSeconds(1));
        repository.delete("a", "carol", null);

        assertThat(repository.history().all()).extracting(v -> v.name() + "@" + v.version() + ":" + v.change() + " by " + v.author())
                .containsExactly("a@2:DELETED by carol", "b@1:CREATED by bob", "a@1:CREATED by alice");
    }
}
