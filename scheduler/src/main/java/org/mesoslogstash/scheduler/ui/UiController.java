package org.mesoslogstash.scheduler.ui;

import java.util.List;
import java.util.Locale;

import org.mesoslogstash.scheduler.configuration.ApiError;
import org.mesoslogstash.scheduler.lifecycle.LogstashScheduler;
import org.mesoslogstash.scheduler.placement.ActivityLog.Activity;
import org.mesoslogstash.scheduler.placement.ActivityLog.Kind;
import org.mesoslogstash.scheduler.security.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read-only calls the web UI polls beside the configuration API: the agents with their executor and
 * applied configuration version, and the scheduler's recent decisions. Snapshots of the scheduler's own
 * state; nothing here is estimated. Errors are the API's JSON {@link ApiError}s.
 */
@RestController
public class UiController {

    private final LogstashScheduler scheduler;

    public UiController(LogstashScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @GetMapping("/api/agents")
    public AgentOverview.Agents agents() {
        return AgentOverview.build(scheduler.tasks(), scheduler.relaunchNotBefore(), scheduler.configurationStatus(), scheduler.activity());
    }

    /** Who is logged in, and whether the UI should offer changes (an operator) or only show (a viewer). */
    public record Session(String user, boolean operator) {
    }

    @GetMapping("/api/session")
    public Session session(Authentication authentication) {
        boolean operator = authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + Role.OPERATOR.name()).equals(a.getAuthority()));
        return new Session(authentication == null ? null : authentication.getName(), operator);
    }

    /** The activity log, newest first; {@code kind} (e.g. offer_declined) keeps only that kind. */
    @GetMapping("/api/activity")
    public List<Activity> activity(@RequestParam(name = "kind", required = false) String kind,
            @RequestParam(name = "limit", defaultValue = "500") int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        Kind only = kind == null || kind.isBlank() ? null : kind(kind);
        return scheduler.activity().reversed().stream().filter(a -> only == null || a.kind() == only).limit(limit).toList();
    }

    private static Kind kind(String value) {
        try {
            return Kind.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activity kind '" + value + "'; one of " + List.of(Kind.values()).toString().toLowerCase(Locale.ROOT));
        }
    }

    @ExceptionHandler
    ResponseEntity<ApiError> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ApiError.of(e.getMessage()));
    }
}
