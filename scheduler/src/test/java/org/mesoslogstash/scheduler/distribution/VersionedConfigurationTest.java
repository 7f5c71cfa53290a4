package org.mesoslogstash.scheduler.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.scheduler.framework.StateStoreException;

class VersionedConfigurationTest {

    private final InMemoryConfigurationStore store = new InMemoryConfigurationStore();

    @Test
    void withoutStoredOrInitialConfigurationThereIsNone() {
        assertThat(VersionedConfiguration.load(store, Optional.empty(), List.of()).current()).isEmpty();
    }

    @Test
    void theFirstConfigurationIsVersionOneAndStored() {
        VersionedConfiguration configuration = VersionedConfiguration.load(store, Optional.empty(), List.of());

        CollectorAssignment first = configuration.update("{\"a\":1}", List.of());

        assertThat(first).isEqualTo(new CollectorAssignment(1, "{\"a\":1}"));
        assertThat(configuration.current()).contains(first);
        assertThat(store.stored).contains(first);
    }

    @Test
    void everyChangeBumpsTheVersion() {
        VersionedConfiguration configuration = VersionedConfiguration.load(store, Optional.of("{\"a\":1}"), List.of());

        configuration.update("{\"a\":2}", List.of());
        CollectorAssignment third = configuration.update("{\"a\":3}", List.of());

        assertThat(third.version()).isEqualTo(3);
        assertThat(store.stored).contains(third);
    }

    @Test
    void aChangedConfigurationIsANewVersionAndTheSameOnesAreNot() {
        List<Configuration> nginx = List.of(new Configuration("nginx", "input { container { console => true } }"));
        VersionedConfiguration configuration = VersionedConfiguration.load(store, Optional.of("{\"a\":1}"), nginx);

        assertThat(configuration.update("{\"a\":1}", nginx).version()).isEqualTo(1);
        CollectorAssignment second = configuration.update("{\"a\":1}", List.of(new Configuration("nginx", "input { container { path => \"/x\" } }")));
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.configurations()).extracting(Configuration::text).containsExactly("input { container { path => \"/x\" } }");
        assertThat(store.stored).contains(second);
    }

    @Test
    void theSameContentAgainIsNoNewVersion() {
        VersionedConfiguration configuration = VersionedConfiguration.load(store, Optional.of("{\"a\":1}"), List.of());

        assertThat(configuration.update("{\"a\":1}", List.of()).version()).isEqualTo(1);
    }

    @Test
    void anInitialConfigurationEqualToTheStoredOneKeepsItsVersion() {
        store.stored = Optional.of(new CollectorAssignment(7, "{\"a\":1}"));

        assertThat(VersionedConfiguration.load(store, Optional.of("{\"a\":1}"), List.of()).current()).contains(new CollectorAssignment(7, "{\"a\":1}"));
    }

    @Test
    void anInitialConfigurationDifferentFromTheStoredOneIsTheNextVersion() {
        store.stored = Optional.of(new CollectorAssignment(7, "{\"a\":1}"));

        assertThat(VersionedConfiguration.load(store, Optional.of("{\"a\":2}"), List.of()).current()).contains(new CollectorAssignment(8, "{\"a\":2}"));
    }

    @Test
    void aChangeThatCannotBeStoredDoesNotBecomeCurrent() {
        VersionedConfiguration configuration = VersionedConfiguration.load(store, Optional.of("{\"a\":1}"), List.of());
        store.failWrites = true;

        assertThatThrownBy(() -> configuration.update("{\"a\":2}", List.of())).isInstanceOf(StateStoreException.class);

        assertThat(configuration.current()).contains(new CollectorAssignment(1, "{\"a\":1}"));
    }
}
