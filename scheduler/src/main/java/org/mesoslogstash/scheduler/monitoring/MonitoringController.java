package org.mesoslogstash.scheduler.monitoring;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.mesoslogstash.scheduler.configuration.ConfigurationRepository;
import org.mesoslogstash.scheduler.distribution.DistributionStatus;
import org.mesoslogstash.scheduler.distribution.VersionedConfiguration;
import org.mesoslogstash.scheduler.lifecycle.LogstashScheduler;
import org.mesoslogstash.scheduler.lifecycle.SchedulerStatus;
import org.mesoslogstash.scheduler.placement.ActivityLog;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Readiness for Marathon (200 once subscribed and reconciled, 503 before and while reconciling) and the
 * scheduler's metrics for Prometheus; every number is read from the scheduler's state when asked.
 */
@RestController
public class MonitoringController {

    private final LogstashScheduler scheduler;
    private final VersionedConfiguration collectorConfiguration;
    private final ConfigurationRepository configurations;

    public MonitoringController(LogstashScheduler scheduler, VersionedConfiguration collectorConfiguration,
            ConfigurationRepository configurations) {
        this.scheduler = scheduler;
        this.collectorConfiguration = collectorConfiguration;
        this.configurations = configurations;
    }

    public record Readiness(boolean ready, boolean subscribed, boolean reconciling) {
    }

    @GetMapping("/api/ready")
    public ResponseEntity<Readiness> ready() {
        SchedulerStatus status = scheduler.status();
        boolean ready = status.subscribed() && !status.reconciling();
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Readiness(ready, status.subscribed(), status.reconciling()));
    }

    @GetMapping(path = "/metrics", produces = PrometheusText.CONTENT_TYPE)
    public String metrics() {
        SchedulerStatus status = scheduler.status();
        DistributionStatus distribution = scheduler.configurationStatus();
        Map<String, Long> executors = new LinkedHashMap<>();
        Map<DistributionStatus.State, Long> byState = new EnumMap<>(DistributionStatus.State.class);
        for (DistributionStatus.State state : DistributionStatus.State.values()) {
            byState.put(state, 0L);
        }
        distribution.executors().forEach(e -> byState.merge(e.state(), 1L, Long::sum));
        byState.forEach((state, count) -> executors.put(state.name().toLowerCase(Locale.ROOT), count));
        Map<String, Long> activity = new LinkedHashMap<>();
        for (ActivityLog.Kind kind : ActivityLog.Kind.values()) {
            activity.put(kind.name().toLowerCase(Locale.ROOT), 0L);
        }
        scheduler.activity().forEach(a -> activity.merge(a.kind().name().toLowerCase(Locale.ROOT), 1L, Long::sum));
        return new PrometheusText()
                .gauge("mesos_logstash_subscribed", "1 while subscribed to a Mesos master", status.subscribed() ? 1 : 0)
                .gauge("mesos_logstash_reconciling", "1 while a task reconciliation is running (offers are declined then)", status.reconciling() ? 1 : 0)
                .gauge("mesos_logstash_agents_with_executor", "agents that have (or are getting) a mesos-logstash executor", status.agentsWithExecutor())
                .gauge("mesos_logstash_collector_assignment_version", "version of the collector assignment (settings and configurations) the executors are to run",
                        collectorConfiguration.current().map(c -> c.version()).orElse(0L))
                .labelled("mesos_logstash_executors", "gauge", "running executors by where they stand with the current assignment version",
                        "state", executors)
                .gauge("mesos_logstash_configurations", "configurations currently distributed (not deleted)",
                        configurations.history().currentVersions().size())
                .gauge("mesos_logstash_configuration_versions", "versions stored in the configuration history, deletions included",
                        configurations.history().versionCount())
                .counter("mesos_logstash_configuration_changes_refused_total", "changes refused as invalid since the scheduler started",
                        configurations.refusedChanges())
                .labelled("mesos_logstash_activity_log_entries", "gauge", "entries of the activity log (the last MESOS_LOGSTASH_ACTIVITY_LOG_SIZE decisions) by kind",
                        "kind", activity)
                .toString();
    }
}
