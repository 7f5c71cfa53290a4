package org.mesoslogstash.scheduler.configuration;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.config.Problem;
import org.mesoslogstash.config.ValidatedConfiguration;
import org.mesoslogstash.config.pipeline.LogstashPipelines;
import org.mesoslogstash.config.validation.ConfigurationValidator;
import org.mesoslogstash.scheduler.distribution.VersionedConfiguration;
import org.mesoslogstash.scheduler.framework.StateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configurations over HTTP (docs/scheduler.md, "REST API"): list, read, write, delete, their versions,
 * diffs between versions, rollback, the Logstash pipelines the executors will run, validation without
 * storing, and the audit trail. Errors are JSON {@link ApiError}s.
 */
@RestController
public class ConfigurationController {

    /** The largest configuration accepted: 256 KiB (answered with 413 beyond). */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** The beats address of the router that an executor's Logstash listens on (the executor's default). */
    static final String EXECUTOR_BEATS_HOST = "127.0.0.1";
    static final int EXECUTOR_BEATS_PORT = 5044;

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurationRepository repository;
    private final VersionedConfiguration collectorConfiguration;

    public ConfigurationController(ConfigurationRepository repository, VersionedConfiguration collectorConfiguration) {
        this.repository = repository;
        this.collectorConfiguration = collectorConfiguration;
    }

    /** A configuration's current version in the list. */
    public record Summary(String name, long version, String change, String author, Instant time, String comment, List<Problem> warnings) {
    }

    public record ConfigurationList(long collectorVersion, List<Summary> configurations) {
    }

    /** One version, with its text when asked for one version (null in lists). */
    public record VersionView(String name, long version, String change, String author, Instant time, String comment, long rolledBackTo,
            String text) {
        static VersionView of(ConfigurationVersion v, boolean withText) {
            return new VersionView(v.name(), v.version(), v.change().name(), v.author(), v.time(), v.comment(), v.rolledBackTo(),
                    withText ? v.text() : null);
        }
    }

    /** What a change answers: the version now current and what the executors are sent. */
    public record ChangeView(String name, long version, String change, String author, Instant time, String comment, boolean unchanged,
            List<Problem> warnings, long collectorVersion) {
    }

    public record Validation(boolean valid, List<Problem> problems) {
    }

    public record Preview(String name, long version, String pipelineId, String pipeline, String routerId, String router,
            String beatsHost, int beatsPort) {
    }

    public record AuditEntry(Instant time, String author, String action, String configuration, long version, long rolledBackTo,
            String comment) {
    }

    @GetMapping("/api/configurations")
    public ConfigurationList list() {
        List<Summary> summaries = repository.history().currentVersions().stream()
                .map(v -> new Summary(v.name(), v.version(), v.change().name(), v.author(), v.time(), v.comment(),
                        repository.validate(new Configuration(v.name(), v.text())).problems()))
                .toList();
        return new ConfigurationList(collectorVersion(), summaries);
    }

    @GetMapping("/api/configurations/{name}")
    public VersionView get(@PathVariable("name") String name) {
        return VersionView.of(repository.currentOrThrow(name), true);
    }

    @PutMapping("/api/configurations/{name}")
    public ResponseEntity<ChangeView> put(@PathVariable("name") String name, HttpServletRequest request, Principal principal) throws IOException {
        Body body = body(request);
        ConfigurationRepository.Outcome outcome = repository.put(name, body.text(), author(principal), body.comment());
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view(outcome));
    }

    @DeleteMapping("/api/configurations/{name}")
    public ChangeView delete(@PathVariable("name") String name, @RequestParam(name = "comment", required = false) String comment, Principal principal) {
        return view(repository.delete(name, author(principal), comment));
    }

    @GetMapping("/api/configurations/{name}/versions")
    public List<VersionView> versions(@PathVariable("name") String name) {
        List<ConfigurationVersion> versions = repository.history().versions(name);
        if (versions.isEmpty()) {
            throw new NoSuchConfigurationException("there is no configuration " + name);
        }
        return versions.stream().map(v -> VersionView.of(v, false)).toList();
    }

    @GetMapping("/api/configurations/{name}/versions/{version}")
    public VersionView version(@PathVariable("name") String name, @PathVariable("version") long version) {
        return VersionView.of(versionOrThrow(name, version), true);
    }

    /** The unified diff (text/plain) from one version's text to another's; empty when equal. */
    @GetMapping(path = "/api/configurations/{name}/diff", produces = MediaType.TEXT_PLAIN_VALUE)
    public String diff(@PathVariable("name") String name, @RequestParam("from") long from, @RequestParam("to") long to) {
        ConfigurationVersion a = versionOrThrow(name, from);
        ConfigurationVersion b = versionOrThrow(name, to);
        return UnifiedDiff.diff(name + " version " + from, a.text(), name + " version " + to, b.text());
    }

    @PostMapping("/api/configurations/{name}/rollback")
    public ChangeView rollback(@PathVariable("name") String name, @RequestParam("to") long to, @RequestParam(name = "comment", required = false) String comment,
            Principal principal) {
        return view(repository.rollback(name, to, author(principal), comment));
    }

    /** The Logstash pipeline the executors run for this configuration, and the router in front of all of them. */
    @GetMapping("/api/configurations/{name}/preview")
    public Preview preview(@PathVariable("name") String name) {
        ConfigurationVersion current = repository.currentOrThrow(name);
        List<ValidatedConfiguration> all = repository.history().currentVersions().stream().map(v -> {
            Configuration configuration = new Configuration(v.name(), v.text());
            return switch (repository.validate(configuration)) {
                case ConfigurationValidator.Valid valid -> valid.configuration();
                case ConfigurationValidator.Invalid invalid -> throw new InvalidConfigurationException("configuration " + v.name()
                        + " (version " + v.version() + ") is not valid under the current rules, so no pipelines can be generated",
                        invalid.problems());
            };
        }).toList();
        Map<String, String> pipelines = LogstashPipelines.generate(all, EXECUTOR_BEATS_HOST, EXECUTOR_BEATS_PORT);
        return new Preview(name, current.version(), name, pipelines.get(name), LogstashPipelines.ROUTER,
                pipelines.get(LogstashPipelines.ROUTER), EXECUTOR_BEATS_HOST, EXECUTOR_BEATS_PORT);
    }

    /**
     * Validates without storing (what an editor calls as the operator types): always 200 with every
     * problem; the name ({@code ?name=} or JSON {@code name}) is checked too when given.
     */
    @PostMapping("/api/configurations/validate")
    public Validation validate(@RequestParam(name = "name", required = false) String name, HttpServletRequest request) throws IOException {
        Body body = body(request);
        String checked = body.name() != null ? body.name() : name != null ? name : "unnamed";
        ConfigurationValidator.Result result = repository.validate(new Configuration(checked, body.text()));
        return new Validation(result instanceof ConfigurationValidator.Valid, result.problems());
    }

    /** Every configuration change, newest first. */
    @GetMapping("/api/audit")
    public List<AuditEntry> audit(@RequestParam(name = "limit", defaultValue = "1000") int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return repository.history().all().stream().limit(limit)
                .map(v -> new AuditEntry(v.time(), v.author(), v.change().name(), v.name(), v.version(), v.rolledBackTo(), v.comment()))
                .toList();
    }

    @ExceptionHandler
    ResponseEntity<ApiError> invalid(InvalidConfigurationException e) {
        return ResponseEntity.unprocessableContent().body(new ApiError(e.getMessage(), e.problems()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> notFound(NoSuchConfigurationException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> tooLarge(RequestBodies.TooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler({IllegalArgumentException.class, MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ApiError> badRequest(Exception e) {
        return ResponseEntity.badRequest().body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> stateStore(StateStoreException e) {
        LOG.error("Configuration change failed in ZooKeeper", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ApiError.of("the scheduler's state store failed: " + e.getMessage()));
    }

    private record Body(String name, String text, String comment) {
    }

    /** The body as Logstash text (any content type but JSON), or JSON {"text": ..., "comment": ..., "name": ...}. */
    private static Body body(HttpServletRequest request) throws IOException {
        String raw = RequestBodies.read(request, MAX_BODY_BYTES);
        MediaType type;
        try {
            type = request.getContentType() == null ? MediaType.TEXT_PLAIN : MediaType.parseMediaType(request.getContentType());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid Content-Type " + request.getContentType());
        }
        if (!MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            return new Body(null, raw, null);
        }
        JsonNode json;
        try {
            json = JSON.readTree(raw);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject() || !json.path("text").isString()) {
            throw new IllegalArgumentException("expected a JSON object {\"text\": \"<the Logstash configuration>\", \"comment\": \"...\"}"
                    + " or the configuration itself as text/plain");
        }
        return new Body(optionalString(json, "name"), json.get("text").asString(), optionalString(json, "comment"));
    }

    private static String optionalString(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return value.asString();
    }

    private ChangeView view(ConfigurationRepository.Outcome outcome) {
        ConfigurationVersion v = outcome.version();
        return new ChangeView(v.name(), v.version(), v.change().name(), v.author(), v.time(), v.comment(), outcome.unchanged(),
                outcome.warnings(), collectorVersion());
    }

    private ConfigurationVersion versionOrThrow(String name, long version) {
        return repository.history().version(name, version).orElseThrow(() -> new NoSuchConfigurationException(
                repository.history().latest(name).map(l -> "configuration " + name + " has versions 1 to " + l.version() + ", not " + version)
                        .orElse("there is no configuration " + name)));
    }

    private long collectorVersion() {
        return collectorConfiguration.current().map(c -> c.version()).orElse(0L);
    }

    private static String author(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }
}
