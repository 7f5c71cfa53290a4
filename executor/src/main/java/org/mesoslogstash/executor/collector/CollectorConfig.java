package org.mesoslogstash.executor.collector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.executor.sink.elasticsearch.ElasticsearchSinkOptions;

/**
 * Everything a standalone collector needs: where Docker is, where checkpoints live, where events
 * go, and what to collect. Read from JSON by {@link CollectorConfigReader}; the file format is
 * documented in {@code docs/collector.md}.
 *
 * @param agentHost        the host name put on every event
 * @param docker           the Docker daemon to watch
 * @param checkpointDir    directory of the durable stream positions
 * @param maxLineBytes     lines longer than this are split into flagged parts
 * @param maxUnacknowledged events sent but not yet acknowledged, at most; bounds redelivery after
 *                         a crash and the memory held for a slow sink
 * @param resyncInterval   how often discovery compares its view with the full container list
 * @param sink             where events go
 * @param rules            what to collect from which containers
 */
public record CollectorConfig(
        String agentHost,
        DockerEndpoint docker,
        Path checkpointDir,
        int maxLineBytes,
        int maxUnacknowledged,
        Duration resyncInterval,
        SinkConfig sink,
        List<CollectRule> rules) {

    public CollectorConfig {
        Objects.requireNonNull(agentHost, "agentHost");
        Objects.requireNonNull(docker, "docker");
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        Objects.requireNonNull(resyncInterval, "resyncInterval");
        Objects.requireNonNull(sink, "sink");
        rules = List.copyOf(rules);
    }

    /** Where events leave the collector. */
    public sealed interface SinkConfig {

        /**
         * Logstash's beats input.
         *
         * @param compressionLevel zlib level 1-9, or 0 for none: the right choice for the Logstash on
         *                         the same host, where compressing costs CPU and saves nothing
         * @param trustStore       PKCS12 trust store for TLS; null means TLS with the JVM's trusted
         *                         CAs when {@code tls} is set
         */
        record Beats(String host, int port, int compressionLevel, boolean tls, Path trustStore, String trustStorePassword)
                implements SinkConfig {
        }

        /**
         * The Logstash the executor runs on its agent (docs/logstash.md), fed through the beats input of
         * its router pipeline on {@code 127.0.0.1:port}; the configurations' pipelines process the events.
         */
        record ManagedLogstash(int port) implements SinkConfig {
        }

        /** JSON documents, one per line, to a file, or to standard output when {@code file} is null. */
        record JsonLines(Path file) implements SinkConfig {
        }

        /** Straight into Elasticsearch or OpenSearch with the bulk API ("direct mode"); validated already. */
        record Elasticsearch(ElasticsearchSinkOptions options) implements SinkConfig {
        }
    }
}
