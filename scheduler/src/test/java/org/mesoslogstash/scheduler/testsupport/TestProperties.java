package org.mesoslogstash.scheduler.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.mesoslogstash.scheduler.framework.SchedulerProperties;

/** Scheduler options as the documented defaults give them, with a master and ZooKeeper set. */
public final class TestProperties {

    /** A collector configuration as an operator would write it (docs/collector.md). */
    public static final String COLLECTOR_CONFIG_JSON = """
            {"checkpointDir": "checkpoints", "sink": {"type": "jsonlines"}, "collect": [{"name": "all", "console": true}]}
            """;

    private static final Path COLLECTOR_CONFIG = writeCollectorConfig();

    private TestProperties() {
    }

    public static SchedulerProperties defaults() {
        return with(List.of(), dockerExecutor());
    }

    public static SchedulerProperties.Executor dockerExecutor() {
        return new SchedulerProperties.Executor(0.5, 256, 512, 1024, 256, SchedulerProperties.LaunchMode.DOCKER,
                "mesos-logstash/executor:latest", "/var/lib/mesos-logstash", List.of(), "java -jar mesos-logstash-executor.jar");
    }

    public static SchedulerProperties with(List<String> constraints, SchedulerProperties.Executor executor) {
        return with("zk://127.0.0.1:2181/mesos", null, constraints, executor);
    }

    /** For a scheduler against a fake master at {@code master}, keeping its state in {@code zkServers}. */
    public static SchedulerProperties forMaster(String master, String zkServers) {
        return with(master, zkServers, List.of(), dockerExecutor());
    }

    private static SchedulerProperties with(String master, String zkServers, List<String> constraints, SchedulerProperties.Executor executor) {
        return new SchedulerProperties(master, zkServers, "/mesos-logstash", "mesos-logstash", "*", null, null,
                "root", Duration.ofDays(7), null, 30, 3600, constraints, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofSeconds(10),
                Duration.ofMinutes(10), 1000, collectorConfigPath(), null, List.of(), executor).validate();
    }

    /** A file holding {@link #COLLECTOR_CONFIG_JSON}, for {@code mesos.logstash.collector-config}. */
    public static String collectorConfigPath() {
        return COLLECTOR_CONFIG.toString();
    }

    private static Path writeCollectorConfig() {
        try {
            Path file = Files.createTempFile("mesos-logstash-collector", ".json");
            file.toFile().deleteOnExit();
            return Files.writeString(file, COLLECTOR_CONFIG_JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
