package org.mesoslogstash.onemachine.options;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user asked the one-machine mode for, checked ({@link OptionsParser}).
 *
 * @param port           the scheduler's web UI and REST API port
 * @param bind           the address the UI listens on
 * @param data           where checkpoints, the embedded store, logs and the run's files live
 * @param configurations directories of the user's own {@code <name>.conf} configurations
 * @param examples       whether the example configurations are used as well
 * @param elasticsearch  the Elasticsearch (or OpenSearch) the logs go to; empty: the embedded store
 * @param storePort      the embedded store's HTTP port
 * @param storeHeap      the embedded store's JVM heap ({@code 512m})
 * @param users          the scheduler's users ({@code name:role:password,...}); empty: a generated admin
 */
public record Options(int port, String bind, Path data, List<Path> configurations, boolean examples,
                      Optional<URI> elasticsearch, int storePort, String storeHeap, Optional<String> users) {

    public Options {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(data, "data");
        configurations = List.copyOf(configurations);
        Objects.requireNonNull(elasticsearch, "elasticsearch");
        Objects.requireNonNull(storeHeap, "storeHeap");
        Objects.requireNonNull(users, "users");
    }

    /** Whether the embedded store runs: no Elasticsearch was given. */
    public boolean embeddedStore() {
        return elasticsearch.isEmpty();
    }
}
