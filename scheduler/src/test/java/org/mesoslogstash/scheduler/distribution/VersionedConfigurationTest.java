package org.mesoslogstash.scheduler.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.scheduler.framework.StateStoreException;

class VersionedConfigurationTest {

    private final InMemoryConfigurationStore store = new InMemoryConfigurationStore();

    @Test
    void withoutStoredOrInitialConfigurationThereIsNone() {
        assertThat(VersionedConfiguration.load(store, Optional.empty()).current()).isEmpty();
    }

    @Test
    void theFirstConfigurationIsVersionOneAndStored() {
        VersionedConfiguration configuration = VersionedConfiguration.load(store, Optional.empty());

        CollectorAssignment first = configuration.update("{\"a\":1}");

        assertThat(first).isEqualTo(new CollectorAssignment(1, "{\"a\":1}"));
        assertThat(configuration.current()).contains(first);
        assertThat(store.stored).contains(first);
    }

    @Test
    void everyChangeBumpsTheVersion() {
        VersionedConfiguration configuration = VersionedConfiguration.load(store, Optional.of("{\"a\":1}"));

        configuration.update("{\"a\":2}");
        CollectorAssignment third = configuration.update("{\"a\":3}");

        assertThat(third.version()).isEqualTo(3);
        assertThat(store.stored).contains(third);
    }

    @Test
    void theSameContentAgainIsNoNewVersion() {
        VersionedConfiguration configuration = VersionedConfiguration.load(store, Optional.of("{\"a\":1}"));

        assertThat(configuration.update("{\"a\":1}").version()).isEqualTo(1);
    }

    @Test
    void anInitialConfigurationEqualToTheStoredOneKeepsItsVersion() {
        store.stored = Optional.of(new CollectorAssignment(7, "{\"a\":1}"));

        assertThat(VersionedConfiguration.load(store, Optional.of("{\"a\":1}")).current()).contains(new CollectorAssignment(7, "{\"a\":1}"));
    }

    @Test
    void anInitialConfigurationDifferentFromTheStoredOneIsTheNextVersion() {
        store.stored = Optional.of(new CollectorAssignment(7, "{\"a\":1}"));

        assertThat(VersionedConfiguration.load(store, Optional.of("{\"a\":2}")).current()).contains(new CollectorAssignment(8, "{\"a\":2}"));
    }

    @Test
    void aChangeThatCannotBeStoredDoesNotBecomeCurrent() {
        VersionedConfiguration configuration = VersionedConfiguration.load(store, Optional.of("{\"a\":1}"));
        store.failWrites = true;

        assertThatThrownBy(() -> configuration.update("{\"a\":2}")).isInstanceOf(StateStoreException.class);

        assertThat(configuration.current()).contains(new CollectorAssignment(1, "{\"a\":1}"));
    }
}
