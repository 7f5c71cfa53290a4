package org.mesoslogstash.executor.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.executor.matching.ContainerSelector;

class RunningCollectorTest {

    @Test
    void anUnreadableTrustStoreIsAConfigurationErrorNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.p12");
        // A Docker address nothing listens on: the error must come before the collector gets that far.
        CollectorConfig config = new CollectorConfig("host", new DockerEndpoint(URI.create("unix://" + dir.resolve("no.sock"))),
                dir.resolve("checkpoints"), 1024, 100, Duration.ofSeconds(30),
                new CollectorConfig.SinkConfig.Beats("localhost", 5044, 0, true, missing, "secret"),
                List.of(new CollectRule("all", ContainerSelector.ANY, List.of(), true)));

        assertThatThrownBy(() -> RunningCollector.start(config, Clock.systemUTC()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("$.sink.trustStore: cannot load " + missing));
    }
}
