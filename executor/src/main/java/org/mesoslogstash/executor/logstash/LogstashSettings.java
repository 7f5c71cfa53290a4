package org.mesoslogstash.executor.logstash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.mesoslogstash.mesos.executor.InvalidEnvironmentException;
import org.mesoslogstash.mesos.executor.MesosDuration;
import org.mesoslogstash.retry.Backoff;

/**
 * How the executor runs its Logstash. Everything Logstash keeps is under {@code workDir}, which
 * must survive executor restarts: the persistent queues in {@code <workDir>/data} hold events that
 * were accepted but not yet delivered. {@link #fromEnv} reads the {@code MESOS_LOGSTASH_LOGSTASH_*}
 * variables named below (durations in Mesos' format, {@code 3mins}).
 *
 * @param home            the Logstash installation; {@code <home>/bin/logstash} is started
 *                        ({@code _HOME}, default {@value #DEFAULT_HOME}, the Logstash inside the executor image)
 * @param workDir         settings ({@code settings/}), pipeline files ({@code pipelines/}),
 *                        {@code path.data} ({@code data/}) and logs ({@code logs/}) ({@code _WORK_DIR})
 * @param apiHost         the monitoring API's address ({@value #DEFAULT_API_HOST}: never reachable from outside the agent)
 * @param apiPort         the monitoring API's port ({@code _API_PORT}, {@value #DEFAULT_API_PORT})
 * @param heap            JVM heap, as {@code -Xms}/{@code -Xmx} in {@code LS_JAVA_OPTS} ({@code _HEAP}, {@code 1g}; a JVM size)
 * @param queueType       every pipeline's {@code queue.type} ({@code _QUEUE_TYPE}, {@code persisted} or {@code memory})
 * @param queueMaxBytes   every pipeline's {@code queue.max_bytes} ({@code _QUEUE_MAX_BYTES}, {@code 1gb}; a Logstash byte size)
 * @param pipelineWorkers every pipeline's {@code pipeline.workers} ({@code _PIPELINE_WORKERS}); 0, the default,
 *                        leaves Logstash's default (the CPU count)
 * @param batchSize       every pipeline's {@code pipeline.batch.size} ({@code _BATCH_SIZE}, 125, Logstash's default)
 * @param startupTimeout  how long Logstash may take to list every pipeline as running ({@code _STARTUP_TIMEOUT}, 180 s)
 * @param reloadTimeout   how long a reload may take to show the new pipelines (60 s)
 * @param pollInterval    how often the monitoring API is asked while waiting (250 ms)
 * @param restartBackoff  waits between restarts of a Logstash that died ({@code 1 s} doubling to {@code 60 s})
 */
public record LogstashSettings(Path home, Path workDir, String apiHost, int apiPort, String heap,
                               String queueType, String queueMaxBytes, int pipelineWorkers, int batchSize,
                               Duration startupTimeout, Duration reloadTimeout, Duration pollInterval,
                               Backoff restartBackoff) {

    public static final String DEFAULT_HOME = "/usr/share/logstash";
    public static final String DEFAULT_API_HOST = "127.0.0.1";
    public static final int DEFAULT_API_PORT = 9600;
    public static final Set<String> QUEUE_TYPES = Set.of("persisted", "memory");
    /** The prefix of every environment variable {@link #fromEnv} reads. */
    public static final String ENV_PREFIX = "MESOS_LOGSTASH_LOGSTASH";

    private static final Pattern JVM_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
    private static final Pattern BYTE_SIZE = Pattern.compile("[1-9][0-9]*(b|kb|mb|gb|tb|pb)");

    public LogstashSettings {
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(reloadTimeout, "reloadTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(restartBackoff, "restartBackoff");
        Objects.requireNonNull(apiHost, "apiHost");
        absolute(home);
        absolute(workDir);
        port(apiPort);
        heap(heap);
        queueType(queueType);
        queueMaxBytes(queueMaxBytes);
        workers(pipelineWorkers);
        batchSize(batchSize);
        for (Duration d : new Duration[] {startupTimeout, reloadTimeout, pollInterval}) {
            positive(d);
        }
    }

    // The checks, each naming the value and what would be accepted; fromEnv uses them to name the variable too.

    private static Path absolute(Path path) {
        if (!Objects.requireNonNull(path, "path").isAbsolute()) {
            throw new IllegalArgumentException("Logstash home and work directory must be absolute paths, was " + path);
        }
        return path;
    }

    private static int port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Logstash API port must be 1-65535, was " + port);
        }
        return port;
    }

    private static String heap(String heap) {
        if (!JVM_SIZE.matcher(Objects.requireNonNull(heap, "heap")).matches()) {
            throw new IllegalArgumentException("Logstash heap must be a JVM size such as 512m or 1g, was '" + heap + "'");
        }
        return heap;
    }

    private static String queueType(String type) {
        if (!QUEUE_TYPES.contains(Objects.requireNonNull(type, "queueType"))) {
            throw new IllegalArgumentException("Logstash queue type must be persisted or memory, was '" + type + "'");
        }
        return type;
    }

    private static String queueMaxBytes(String size) {
        if (!BYTE_SIZE.matcher(Objects.requireNonNull(size, "queueMaxBytes")).matches()) {
            throw new IllegalArgumentException("queue.max_bytes must be a Logstash byte size such as 1gb or 512mb, was '" + size + "'");
        }
        return size;
    }

    private static int workers(int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("pipeline.workers must be >= 0 (0: Logstash's default), was " + workers);
        }
        return workers;
    }

    private static int batchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("pipeline.batch.size must be >= 1, was " + size);
        }
        return size;
    }

    private static Duration positive(Duration d) {
        if (Objects.requireNonNull(d, "duration").isNegative() || d.isZero()) {
            throw new IllegalArgumentException("Logstash timeouts and poll interval must be positive, was " + d);
        }
        return d;
    }

    /** The defaults, with everything Logstash keeps under {@code workDir}. */
    public static LogstashSettings defaults(Path workDir) {
        return new LogstashSettings(Path.of(DEFAULT_HOME), workDir, DEFAULT_API_HOST, DEFAULT_API_PORT, "1g",
                "persisted", "1gb", 0, 125, Duration.ofSeconds(180), Duration.ofSeconds(60), Duration.ofMillis(250),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)));
    }

    /**
     * The defaults with what the environment sets ({@code MESOS_LOGSTASH_LOGSTASH_HOME}, {@code _WORK_DIR},
     * {@code _API_PORT}, {@code _HEAP}, {@code _QUEUE_TYPE}, {@code _QUEUE_MAX_BYTES},
     * {@code _PIPELINE_WORKERS}, {@code _BATCH_SIZE}, {@code _STARTUP_TIMEOUT}).
     *
     * @param defaultWorkDir the work directory if {@code _WORK_DIR} is not set
     * @throws InvalidEnvironmentException naming the variable whose value is not valid, and why
     */
    public static LogstashSettings fromEnv(Map<String, String> env, Path defaultWorkDir) {
        LogstashSettings d = defaults(defaultWorkDir);
        return new LogstashSettings(
                read(env, "_HOME", v -> absolute(Path.of(v)), d.home()),
                read(env, "_WORK_DIR", v -> absolute(Path.of(v)), d.workDir()),
                d.apiHost(),
                read(env, "_API_PORT", v -> port(Integer.parseInt(v)), d.apiPort()),
                read(env, "_HEAP", LogstashSettings::heap, d.heap()),
                read(env, "_QUEUE_TYPE", LogstashSettings::queueType, d.queueType()),
                read(env, "_QUEUE_MAX_BYTES", LogstashSettings::queueMaxBytes, d.queueMaxBytes()),
                read(env, "_PIPELINE_WORKERS", v -> workers(Integer.parseInt(v)), d.pipelineWorkers()),
                read(env, "_BATCH_SIZE", v -> batchSize(Integer.parseInt(v)), d.batchSize()),
                read(env, "_STARTUP_TIMEOUT", v -> positive(MesosDuration.parse(v)), d.startupTimeout()),
                d.reloadTimeout(), d.pollInterval(), d.restartBackoff());
    }

    private static <T> T read(Map<String, String> env, String suffix, Function<String, T> parse, T fallback) {
        String name = ENV_PREFIX + suffix;
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidEnvironmentException(name, name + "='" + value + "' is not valid: " + e.getMessage());
        }
    }

    public LogstashSettings withHome(Path newHome) {
        return new LogstashSettings(newHome, workDir, apiHost, apiPort, heap, queueType, queueMaxBytes, pipelineWorkers,
                batchSize, startupTimeout, reloadTimeout, pollInterval, restartBackoff);
    }

    public LogstashSettings withApiPort(int port) {
        return new LogstashSettings(home, workDir, apiHost, port, heap, queueType, queueMaxBytes, pipelineWorkers,
                batchSize, startupTimeout, reloadTimeout, pollInterval, restartBackoff);
    }

    public LogstashSettings withQueueType(String type) {
        return new LogstashSettings(home, workDir, apiHost, apiPort, heap, type, queueMaxBytes, pipelineWorkers,
                batchSize, startupTimeout, reloadTimeout, pollInterval, restartBackoff);
    }

    public LogstashSettings withTimeouts(Duration startup, Duration reload, Duration poll) {
        return new LogstashSettings(home, workDir, apiHost, apiPort, heap, queueType, queueMaxBytes, pipelineWorkers,
                batchSize, startup, reload, poll, restartBackoff);
    }

    public LogstashSettings withRestartBackoff(Backoff backoff) {
        return new LogstashSettings(home, workDir, apiHost, apiPort, heap, queueType, queueMaxBytes, pipelineWorkers,
                batchSize, startupTimeout, reloadTimeout, pollInterval, backoff);
    }

    /** {@code <home>/bin/logstash}, the command that is started. */
    public Path executable() {
        return home.resolve("bin").resolve("logstash");
    }

    /** Logstash's {@code --path.settings}: logstash.yml, pipelines.yml, jvm.options, log4j2.properties. */
    public Path settingsDir() {
        return workDir.resolve("settings");
    }

    /** One {@code <id>.conf} per pipeline. */
    public Path pipelinesDir() {
        return workDir.resolve("pipelines");
    }

    /** Logstash's {@code path.data}: persistent queues, dead letter queues, the instance lock. */
    public Path dataDir() {
        return workDir.resolve("data");
    }

    /** Logstash's {@code path.logs}, and the file its stdout and stderr go to. */
    public Path logsDir() {
        return workDir.resolve("logs");
    }

    /** The value of {@code LS_JAVA_OPTS}. */
    public String javaOpts() {
        return "-Xms" + heap + " -Xmx" + heap;
    }
}
