package org.mesoslogstash.executor.logstash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shapes taken from Logstash's node info and node stats API documentation (7.x/8.x, and 6.x for the queue). */
class LogstashApiJsonTest {

    @Test
    void nodePipelinesGivesEachPipelinesEphemeralId() {
        String body = """
                {"host":"h","version":"8.15.0","http_address":"127.0.0.1:9600","id":"n","name":"h","status":"green",
                 "pipelines":{"main":{"ephemeral_id":"e-1","hash":"x","workers":8,"batch_size":125,"batch_delay":50,
                 "config_reload_automatic":false,"config_reload_interval":3000000000,"dead_letter_queue_enabled":false},
                 "beats":{"ephemeral_id":"e-2","hash":"y","workers":2,"batch_size":125,"batch_delay":50}}}""";

        assertThat(LogstashApiJson.runningPipelines(body)).containsExactly(
                org.assertj.core.api.Assertions.entry("beats", "e-2"), org.assertj.core.api.Assertions.entry("main", "e-1"));
    }

    @Test
    void statsOfAPersistedQueuePipelineWithAReloadError() {
        String body = """
                {"pipelines":{"beats-es":{
                  "events":{"in":216610,"out":216485,"filtered":216485,"duration_in_millis":365495,"queue_push_duration_in_millis":342466},
                  "plugins":{"inputs":[],"filters":[],"outputs":[]},
                  "reloads":{"last_error":{"message":"Expected one of [ \\\\t\\\\r\\\\n], \\"#\\", \\"{\\" at line 3","backtrace":["a.rb:1"]},
                             "successes":4,"last_success_timestamp":"2020-06-05T08:06:12.538Z","last_failure_timestamp":"2020-06-05T09:00:00Z","failures":1},
                  "queue":{"type":"persisted","events_count":12,"queue_size_in_bytes":32028566,"max_queue_size_in_bytes":4294967296},
                  "hash":"5bc5","ephemeral_id":"4bca"}}}""";

        PipelineStats stats = LogstashApiJson.pipelineStats(body).get("beats-es");

        assertThat(stats).isEqualTo(new PipelineStats("beats-es", "4bca", 216610, 216485, 216485, "persisted", 12, 32028566,
                4, 1, Optional.of("Expected one of [ \\t\\r\\n], \"#\", \"{\" at line 3")));
    }

    @Test
    void statsWithoutReloadsOrQueueFiguresReadAsZeroAndMemory() {
        String body = """
                {"pipelines":{"main":{"events":{"in":1,"filtered":1,"out":1},
                  "reloads":{"last_error":null,"successes":0,"failures":0},"queue":{"type":"memory"},"ephemeral_id":"e"}}}""";

        PipelineStats stats = LogstashApiJson.pipelineStats(body).get("main");

        assertThat(stats.queueType()).isEqualTo("memory");
        assertThat(stats.queueEvents()).isZero();
        assertThat(stats.lastError()).isEmpty();
    }

    @Test
    void theLogstash6QueueShapeIsReadToo() {
        String body = """
                {"pipelines":{"main":{"events":{"in":5},"reloads":{"last_error":"boom","successes":0,"failures":2},
                  "queue":{"events":208,"type":"persisted","capacity":{"page_capacity_in_bytes":262144000,
                  "max_queue_size_in_bytes":8589934592,"queue_size_in_bytes":1234,"max_unread_events":0}},"id":"main"}}}""";

        PipelineStats stats = LogstashApiJson.pipelineStats(body).get("main");

        assertThat(stats.queueEvents()).isEqualTo(208);
        assertThat(stats.queueBytes()).isEqualTo(1234);
        assertThat(stats.lastError()).contains("boom");
    }

    @Test
    void anAnswerWithoutPipelinesIsAnError() {
        assertThatThrownBy(() -> LogstashApiJson.pipelineStats("{\"status\":\"red\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"pipelines\"");
        assertThatThrownBy(() -> LogstashApiJson.runningPipelines("<html>")).hasMessageContaining("not JSON");
    }
}
