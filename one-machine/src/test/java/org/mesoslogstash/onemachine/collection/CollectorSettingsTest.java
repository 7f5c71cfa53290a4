package org.mesoslogstash.onemachine.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CollectorSettingsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void directModeIntoTheEndpointWithCheckpointsUnderTheDataDirectoryAndNoRules() {
        JsonNode settings = JSON.readTree(CollectorSettings.json("vm", Path.of("/data/checkpoints"), URI.create("http://127.0.0.1:9200")));

        assertThat(settings.get("agentHost").asString()).isEqualTo("vm");
        assertThat(settings.get("checkpointDir").asString()).isEqualTo("/data/checkpoints");
        assertThat(settings.get("sink").get("type").asString()).isEqualTo("elasticsearch");
        assertThat(settings.get("sink").get("hosts").get(0).asString()).isEqualTo("http://127.0.0.1:9200");
        assertThat(settings.get("sink").get("index").asString()).isEqualTo("mesos-logstash-%{+yyyy.MM.dd}");
        assertThat(settings.get("sink").has("username")).isFalse();
        assertThat(settings.has("collect")).isFalse();
    }

    @Test
    void credentialsInTheUrlBecomeTheSinksUserAndPassword() {
        JsonNode sink = JSON.readTree(CollectorSettings.json("vm", Path.of("/c"), URI.create("https://elastic:p%40ss%3Aword@es.example:9243/prefix")))
                .get("sink");

        assertThat(sink.get("hosts").get(0).asString()).isEqualTo("https://es.example:9243/prefix");
        assertThat(sink.get("username").asString()).isEqualTo("elastic");
        assertThat(sink.get("password").asString()).isEqualTo("p@ss:word");
    }
}
