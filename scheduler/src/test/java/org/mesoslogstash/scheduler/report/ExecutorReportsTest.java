package org.mesoslogstash.scheduler.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.report.ExecutorReport;

class ExecutorReportsTest {

    private final ExecutorReports reports = new ExecutorReports(Clock.fixed(Instant.parse("2026-11-29T17:00:05Z"), ZoneOffset.UTC));

    private static ExecutorReport report(long version) {
        return new ExecutorReport(Instant.parse("2026-11-29T17:00:00Z"), "a1.example.org", version, List.of(), List.of(),
                new ExecutorReport.Delivery(0, 0, 0, 0), null);
    }

    @Test
    void keepsTheLatestReportOfEachAgentWithTheTimeItArrived() {
        reports.received("a1", "e1", report(1).toJson());
        reports.received("a1", "e1", report(2).toJson());
        reports.received("a2", "e2", report(1).toJson());

        assertThat(reports.latest()).containsOnlyKeys("a1", "a2");
        assertThat(reports.latest().get("a1").report().appliedVersion()).isEqualTo(2);
        assertThat(reports.latest().get("a1").receivedAt()).isEqualTo(Instant.parse("2026-11-29T17:00:05Z"));
    }

    @Test
    void aMessageThatIsNoReportChangesNothingAndARemovedAgentIsForgotten() {
        reports.received("a1", "e1", report(1).toJson());

        reports.received("a1", "e1", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(reports.latest().get("a1").report().appliedVersion()).isEqualTo(1);

        reports.agentRemoved("a1");
        assertThat(reports.latest()).isEmpty();
    }
}
