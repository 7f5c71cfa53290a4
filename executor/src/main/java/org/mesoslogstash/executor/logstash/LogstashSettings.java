package org.mesoslogstash.executor.logstash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.mesoslogstash.retry.Backoff;

/**
 * How the executor runs its Logstash. Everything Logstash keeps is under {@code workDir}, which
 * must survive executor restarts: the persistent queues in {@code <workDir>/data} hold events that
 * were accepted but not yet delivered.
 *
 * @param home            the Logstash installation; {@code <home>/bin/logstash} is started
 *                        (default {@value #DEFAULT_HOME}, the Logstash inside the executor image)
 * @param workDir         settings ({@code settings/}), pipeline files ({@code pipelines/}),
 *                        {@code path.data} ({@code data/}) and logs ({@code logs/})
 * @param apiHost         the monitoring API's address ({@value #DEFAULT_API_HOST}: never reachable from outside the agent)
 * @param apiPort         the monitoring API's port ({@value #DEFAULT_API_PORT})
 * @param heap            JVM heap, as {@code -Xms}/{@code -Xmx} in {@code LS_JAVA_OPTS} ({@code 1g}; a JVM size)
 * @param queueType       {@code persisted} (default) or {@code memory}: every pipeline's {@code queue.type}
 * @param queueMaxBytes   every pipeline's {@code queue.max_bytes} ({@code 1gb}; a Logstash byte size)
 * @param pipelineWorkers every pipeline's {@code pipeline.workers}; 0 leaves Logstash's default (the CPU count)
 * @param batchSize       every pipeline's {@code pipeline.batch.size} (125, Logstash's default)
 * @param startupTimeout  how long Logstash may take to list every pipeline as running (180 s)
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

    private static final Pattern JVM_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
    private static final Pattern BYTE_SIZE = Pattern.compile("[1-9][0-9]*(b|kb|mb|gb|tb|pb)");

    public LogstashSettings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(apiHost, "apiHost");
        Objects.requireNonNull(heap, "heap");
        Objects.requireNonNull(queueType, "queueType");
        Objects.requireNonNull(queueMaxBytes, "queueMaxBytes");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(reloadTimeout, "reloadTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(restartBackoff, "restartBackoff");
        if (!home.isAbsolute() || !workDir.isAbsolute()) {
            throw new IllegalArgumentException("Logstash home and work directory must be absolute paths, were " + home + " and " + workDir);
        }
        if (apiPort < 1 || apiPort > 65535) {
            throw new IllegalArgumentException("Logstash API port must be 1-65535, was " + apiPort);
        }
        if (!JVM_SIZE.matcher(heap).matches()) {
            throw new IllegalArgumentException("Logstash heap must be a JVM size such as 512m or 1g, was '" + heap + "'");
        }
        if (!QUEUE_TYPES.contains(queueType)) {
            throw new IllegalArgumentException("Logstash queue type must be persisted or memory, was '" + queueType + "'");
        }
        if (!BYTE_SIZE.matcher(queueMaxBytes).matches()) {
            throw new IllegalArgumentException("queue.max_bytes must be a Logstash byte size such as 1gb or 512mb, was '" + queueMaxBytes + "'");
        }
        if (pipelineWorkers < 0) {
            throw new IllegalArgumentException("pipeline.workers must be >= 0 (0: Logstash's default), was " + pipelineWorkers);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("pipeline.batch.size must be >= 1, was " + batchSize);
        }
        for (Duration d : new Duration[] {startupTimeout, reloadTimeout, pollInterval}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Logstash timeouts and poll interval must be positive, was " + d);
            }
        }
    }

    /** The defaults, with everything Logstash keeps under {@code workDir}. */
    public static LogstashSettings defaults(Path workDir) {
        return new LogstashSettings(Path.of(DEFAULT_HOME), workDir, DEFAULT_API_HOST, DEFAULT_API_PORT, "1g",
                "persisted", "1gb", 0, 125, Duration.ofSeconds(180), Duration.ofSeconds(60), Duration.ofMillis(250),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)));
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
