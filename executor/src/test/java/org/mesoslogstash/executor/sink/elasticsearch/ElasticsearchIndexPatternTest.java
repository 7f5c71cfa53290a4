package org.mesoslogstash.executor.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.SourceMetadata;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.testsupport.TestEvents;

class ElasticsearchIndexPatternTest {

    private static LogEvent at(String timestamp, SourceMetadata source) {
        return new LogEvent(StreamKey.stdout(source.containerId()), 1, source, Instant.parse(timestamp),
                "x".getBytes(StandardCharsets.UTF_8), -1, null, new Position.InConsole(Instant.parse(timestamp), 1));
    }

    private static String index(String pattern, String timestamp) {
        return IndexPattern.parse(pattern).indexFor(at(timestamp, TestEvents.METADATA));
    }

    @Test
    void theDateIsTheEventsTimestampInUtc() {
        assertThat(index("mesos-logstash-%{+yyyy.MM.dd}", "2026-01-02T23:59:59.999Z")).isEqualTo("mesos-logstash-2026.01.02");
        assertThat(index("logs-%{+yyyy.MM.dd.HH}", "2026-11-29T07:05:00Z")).isEqualTo("logs-2026.11.29.07");
        assertThat(index("logs-%{+yy-M-d}", "2026-03-04T00:00:00Z")).isEqualTo("logs-26-3-4");
        assertThat(index("logs-%{+yyyy.DDD}", "2026-02-01T00:00:00Z")).isEqualTo("logs-2026.032");
    }

    @Test
    void weeksAreIsoWeeksOfTheWeekBasedYear() {
        // 2027-01-01 is a Friday: ISO week 53 of 2026.
        assertThat(index("logs-%{+xxxx.ww}", "2027-01-01T12:00:00Z")).isEqualTo("logs-2026.53");
        assertThat(index("logs-%{+xxxx.ww}", "2026-01-05T00:00:00Z")).isEqualTo("logs-2026.02");
    }

    @Test
    void fieldsComeFromTheEventsMetadataMadeSafeForIndexNames() {
        SourceMetadata source = new SourceMetadata("c1", "Web 1", "registry.local:5000/Team/App:1.2", Map.of("team", "Pay"),
                "agent-7", null, null, null);
        IndexPattern pattern = IndexPattern.parse("logs-%{[container][image][name]}-%{[container][labels][team]}-%{[marathon][app_id]}-%{+yyyy}");

        assertThat(pattern.indexFor(at("2026-01-02T00:00:00Z", source))).isEqualTo("logs-registry.local_5000_team_app_1.2-pay-none-2026");
        assertThat(IndexPattern.parse("%{[container][name]}").indexFor(at("2026-01-02T00:00:00Z", source))).isEqualTo("web_1");
    }

    @Test
    void aFieldValueCannotMakeAnInvalidName() {
        SourceMetadata source = new SourceMetadata("c1", "web", "img", Map.of("team", "_-ops", "long", "x".repeat(300)),
                "agent-7", null, null, null);

        assertThat(IndexPattern.parse("%{[container][labels][team]}-logs").indexFor(at("2026-01-02T00:00:00Z", source))).isEqualTo("ops-logs");
        assertThat(IndexPattern.parse("logs-%{[container][labels][long]}").indexFor(at("2026-01-02T00:00:00Z", source)))
                .isEqualTo("logs-" + "x".repeat(IndexPattern.MAX_FIELD_CHARS));
    }

    @Test
    void aPatternWithoutReferencesIsTheIndexName() {
        assertThat(index("all-logs", "2026-01-02T00:00:00Z")).isEqualTo("all-logs");
    }

    @Test
    void badPatternsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> IndexPattern.parse("logs-%{+yyyy.MMM}")).hasMessageContaining("month names");
        assertThatThrownBy(() -> IndexPattern.parse("logs-%{+EEE}")).hasMessageContaining("'E' is not supported");
        assertThatThrownBy(() -> IndexPattern.parse("logs-%{+yyyy")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> IndexPattern.parse("logs-%{[container][nope]}")).hasMessageContaining("unknown field");
        assertThatThrownBy(() -> IndexPattern.parse("logs-%{host}")).hasMessageContaining("%{+<date pattern>}");
        assertThatThrownBy(() -> IndexPattern.parse("Logs")).hasMessageContaining("lower case");
        assertThatThrownBy(() -> IndexPattern.parse("logs*")).hasMessageContaining("'*'");
        assertThatThrownBy(() -> IndexPattern.parse("_logs")).hasMessageContaining("must not start");
        assertThatThrownBy(() -> IndexPattern.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> IndexPattern.parse("logs-%{+}")).hasMessageContaining("date pattern is needed");
    }
}
