package org.mesoslogstash.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ExecutorReportTest {

    @Test
    void readsWhatItWrites() {
        ExecutorReport report = new ExecutorReport(Instant.parse("2026-11-29T17:00:00Z"), "agent-1", 3,
                List.of(new ExecutorReport.Container("c1", "web-1", "nginx:1.27", 2), new ExecutorReport.Container("c2", "cron", "busybox", 0)),
                List.of(new ExecutorReport.Stream("c1", "/var/log/app.log", "RUNNING", 1234, 10, 1200, 2.5, null, 766),
                        new ExecutorReport.Stream("c1", "stdout", "RETRYING", -1, 0, 0, 0, "Docker refused the exec", -1)),
                new ExecutorReport.Delivery(10, 9, 1, 0),
                new ExecutorReport.Logstash("Ready[pipelines=[web]]", List.of(new ExecutorReport.Pipeline("web", 9, 9, 0, 1024, 0, null))));

        assertThat(ExecutorReport.fromJson(report.toJson())).isEqualTo(report);
        assertThat(new String(report.toJson(), StandardCharsets.UTF_8)).contains("\"linesPerSecond\":2.5", "\"lagBytes\":766", "\"at\":\"2026-11-29T17:00:00Z\"",
                "\"containers\":[{\"id\":\"c1\",\"name\":\"web-1\",\"image\":\"nginx:1.27\",\"streams\":2}");
    }

    @Test
    void aReportWithoutContainersFromAnOlderExecutorReadsAsNoneSeen() {
        String json = """
                {"at":"2026-11-29T17:00:00Z","agentHost":"agent-1","appliedVersion":3,"streams":[],
                 "delivery":{"published":0,"acknowledged":0,"unacknowledged":0,"sinkFailures":0},"logstash":null}
                """;

        assertThat(ExecutorReport.fromJson(json.getBytes(StandardCharsets.UTF_8)).containers()).isEmpty();
    }

    @Test
    void aStreamWithoutLagFromAnOlderExecutorReadsAsLagUnknown() {
        String json = """
                {"at":"2026-11-29T17:00:00Z","agentHost":"agent-1","appliedVersion":3,"containers":[],
                 "streams":[{"containerId":"c1","source":"/var/log/app.log","state":"RUNNING","offset":1234,"lines":10,
                             "bytes":1200,"linesPerSecond":2.5,"lastError":null}],
                 "delivery":{"published":0,"acknowledged":0,"unacknowledged":0,"sinkFailures":0},"logstash":null}
                """;

        assertThat(ExecutorReport.fromJson(json.getBytes(StandardCharsets.UTF_8)).streams())
                .containsExactly(new ExecutorReport.Stream("c1", "/var/log/app.log", "RUNNING", 1234, 10, 1200, 2.5, null, -1));
    }

    @Test
    void refusesWhatIsNoReport() {
        assertThatThrownBy(() -> ExecutorReport.fromJson("{\"version\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not an executor report");
        assertThatThrownBy(() -> ExecutorReport.fromJson(new byte[] {8, 1})).isInstanceOf(IllegalArgumentException.class);
    }
}
