package org.mesoslogstash.executor.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.collector.CollectorConfig.SinkConfig;
import org.mesoslogstash.executor.collector.CollectorConfigReader;
import org.mesoslogstash.executor.collector.ConfigException;

class ElasticsearchConfigReaderTest {

    private final CollectorConfigReader reader = new CollectorConfigReader(Map.of(), "agent-1");

    private SinkConfig sink(String sinkJson) {
        return reader.read("{\"checkpointDir\": \"/tmp/cp\", \"sink\": " + sinkJson
                + ", \"collect\": [{\"name\": \"all\", \"console\": true}]}", "test.json").sink();
    }

    private List<String> problems(String sinkJson) {
        return catchThrowableOfType(ConfigException.class, () -> sink(sinkJson)).problems();
    }

    @Test
    void readsTheElasticsearchSink() {
        SinkConfig sink = sink("""
                {"type": "elasticsearch", "hosts": ["https://es1:9200", "https://es2:9200/prefix"],
                 "index": "logs-%{[container][name]}-%{+yyyy.MM.dd}", "username": "writer", "password": "pw",
                 "trustStore": "/etc/es.p12", "trustStorePassword": "changeit", "maxBulkBytes": 1048576}""");

        assertThat(sink).isInstanceOfSatisfying(SinkConfig.Elasticsearch.class, es -> {
            ElasticsearchSinkOptions options = es.options();
            assertThat(options.hosts()).containsExactly(URI.create("https://es1:9200"), URI.create("https://es2:9200/prefix"));
            assertThat(options.index()).isEqualTo(IndexPattern.parse("logs-%{[container][name]}-%{+yyyy.MM.dd}"));
            assertThat(options.username()).isEqualTo("writer");
            assertThat(options.password()).isEqualTo("pw");
            assertThat(options.trustStore()).isEqualTo(Path.of("/etc/es.p12"));
            assertThat(options.trustStorePassword()).isEqualTo("changeit");
            assertThat(options.maxBulkBytes()).isEqualTo(1048576);
            assertThat(es.toString()).doesNotContain("pw,").doesNotContain("password=pw");
        });
    }

    @Test
    void defaultsToADailyIndexAndFiveMebibyteBulks() {
        SinkConfig sink = sink("{\"type\": \"elasticsearch\", \"hosts\": [\"http://localhost:9200\"]}");

        assertThat(((SinkConfig.Elasticsearch) sink).options().index().toString()).isEqualTo("mesos-logstash-%{+yyyy.MM.dd}");
        assertThat(((SinkConfig.Elasticsearch) sink).options().maxBulkBytes()).isEqualTo(5 * 1024 * 1024);
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        List<String> problems = problems("""
                {"type": "elasticsearch", "hosts": ["es1:9200", 7, "ftp://es"], "index": "Logs-%{+yyyy.MMM}",
                 "password": "pw", "trustStore": "/x.p12", "maxBulkBytes": 10, "bulk": 1}""");

        assertThat(problems).anyMatch(p -> p.startsWith("$.sink.hosts[0]: must be an http:// or https:// URL"))
                .anyMatch(p -> p.startsWith("$.sink.hosts[1]:"))
                .anyMatch(p -> p.startsWith("$.sink.hosts[2]:"))
                .anyMatch(p -> p.startsWith("$.sink.index: ") && p.contains("Logs-%{+yyyy.MMM}"))
                .anyMatch(p -> p.equals("$.sink.password: needs \"username\""))
                .anyMatch(p -> p.equals("$.sink.trustStore: only used with https:// hosts"))
                .anyMatch(p -> p.startsWith("$.sink.maxBulkBytes: must be a whole number of bytes from 1024"))
                .anyMatch(p -> p.startsWith("$.sink.bulk: unknown field"));
    }

    @Test
    void hostsAreRequired() {
        assertThat(problems("{\"type\": \"elasticsearch\"}")).anyMatch(p -> p.startsWith("$.sink.hosts: required"));
        assertThat(problems("{\"type\": \"elasticsearch\", \"hosts\": []}")).anyMatch(p -> p.startsWith("$.sink.hosts: required"));
    }

    @Test
    void anUnknownTypeNamesElasticsearchAmongTheChoices() {
        assertThat(problems("{\"type\": \"kafka\"}")).anyMatch(p -> p.contains("\"elasticsearch\""));
    }
}
