package org.mesoslogstash.onemachine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BannerTest {

    @Test
    void showsTheLoginTheStoreAndASearchToPaste() {
        String text = new Banner("vm", Duration.ofSeconds(42), URI.create("http://127.0.0.1:8480/"), "admin", Optional.of("s3cret"),
                URI.create("http://127.0.0.1:9200"), Optional.empty(), Optional.of(Path.of("/d/store")), List.of("containers"), Path.of("/d"),
                Path.of("/d/logs"), Optional.of(Path.of("/d/mesos/sandbox"))).text();

        assertThat(text).contains("runs on vm", "up in 42 s", "http://127.0.0.1:8480/", "user admin, password s3cret",
                "embedded OpenSearch, data in /d/store", "curl -s 'http://127.0.0.1:9200/mesos-logstash-*/_search?q=*&sort=@timestamp:desc",
                "containers", "/d/logs", "/d/mesos/sandbox/stderr", "Ctrl-C stops everything.");
    }

    @Test
    void givenUsersAndAnElasticsearchWithAUserAreShownWithoutSecrets() {
        String text = new Banner("vm", Duration.ofSeconds(1), URI.create("http://127.0.0.1:8480/"), "alice", Optional.empty(),
                URI.create("https://es.example:9243"), Optional.of("elastic"), Optional.empty(), List.of("a", "b"), Path.of("/d"),
                Path.of("/d/logs"), Optional.empty()).text();

        assertThat(text).contains("user alice (password as given in --users)", "your Elasticsearch",
                "curl -s -u elastic 'https://es.example:9243/mesos-logstash-*/_search", "a, b").doesNotContain("Executor log");
    }
}
