package org.mesoslogstash.scheduler.lifecycle;

import java.util.Map;

import org.mesoslogstash.mesos.http.MesosException;
import org.mesoslogstash.scheduler.framework.StateStoreException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scheduler's REST calls: health (200 while subscribed, 503 otherwise) and the explicit teardown
 * that removes the framework and its executors, which must be confirmed with {@code confirm=yes}.
 */
@RestController
public class SchedulerController {

    private final LogstashScheduler scheduler;

    public SchedulerController(LogstashScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** What /api/health answers. */
    public record Health(boolean subscribed, String frameworkId, boolean reconciling, int agentsWithExecutor,
            boolean tornDown, String lastError) {
    }

    @GetMapping("/api/health")
    public ResponseEntity<Health> health() {
        SchedulerStatus status = scheduler.status();
        Health health = new Health(status.subscribed(), status.frameworkId().orElse(null), status.reconciling(),
                status.agentsWithExecutor(), status.tornDown(), status.lastError().orElse(null));
        return ResponseEntity.status(status.subscribed() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(health);
    }

    @PostMapping("/api/teardown")
    public ResponseEntity<Map<String, String>> teardown(@RequestParam(name = "confirm", required = false) String confirm) {
        if (!"yes".equals(confirm)) {
            return ResponseEntity.badRequest().body(Map.of("error",
                    "Teardown kills the mesos-logstash executor on every agent and removes the framework from Mesos;"
                            + " log collection stops everywhere. Repeat with ?confirm=yes to do it."));
        }
        try {
            scheduler.teardown();
        } catch (IllegalStateException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
        } catch (MesosException e) {
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", "Mesos did not accept the teardown: " + e.getMessage()));
        } catch (StateStoreException e) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("error",
                    "The framework was torn down in Mesos, but its stored id could not be deleted; delete it by hand: " + e.getMessage()));
        }
        return ResponseEntity.ok(Map.of("result", "framework torn down; executors are being killed"));
    }
}
