package org.mesoslogstash.scheduler.report;

import java.util.List;

import org.mesoslogstash.scheduler.lifecycle.LogstashScheduler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the executors last reported, per agent: the figures behind the cluster view. */
@RestController
public class ReportController {

    private final LogstashScheduler scheduler;

    public ReportController(LogstashScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Every agent's latest report, by agent id, with the time it arrived. */
    @GetMapping("/api/reports")
    public List<ExecutorReports.Received> reports() {
        return List.copyOf(scheduler.reports().latest().values());
    }
}
