package org.mesoslogstash.executor.logstash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.mesos.executor.InvalidEnvironmentException;

class LogstashSettingsTest {

    private final LogstashSettings defaults = LogstashSettings.defaults(Path.of("/var/lib/mesos-logstash"));

    @Test
    void defaultsUseTheImagesLogstashAPersistentQueueAndTheLocalApiOn9600() {
        assertThat(defaults.executable()).isEqualTo(Path.of("/usr/share/logstash/bin/logstash"));
        assertThat(defaults.queueType()).isEqualTo("persisted");
        assertThat(defaults.apiHost()).isEqualTo("127.0.0.1");
        assertThat(defaults.apiPort()).isEqualTo(9600);
        assertThat(defaults.dataDir()).isEqualTo(Path.of("/var/lib/mesos-logstash/data"));
        assertThat(defaults.javaOpts()).isEqualTo("-Xms1g -Xmx1g");
    }

    @Test
    void anUnknownQueueTypeIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> defaults.withQueueType("disk"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'disk'").hasMessageContaining("persisted or memory");
    }

    @Test
    void aBadHeapOrQueueSizeIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> new LogstashSettings(defaults.home(), defaults.workDir(), "127.0.0.1", 9600, "1 GB", "persisted",
                "1gb", 0, 125, defaults.startupTimeout(), defaults.reloadTimeout(), defaults.pollInterval(), defaults.restartBackoff()))
                .hasMessageContaining("'1 GB'");
        assertThatThrownBy(() -> new LogstashSettings(defaults.home(), defaults.workDir(), "127.0.0.1", 9600, "1g", "persisted",
                "lots", 0, 125, defaults.startupTimeout(), defaults.reloadTimeout(), defaults.pollInterval(), defaults.restartBackoff()))
                .hasMessageContaining("queue.max_bytes").hasMessageContaining("'lots'");
    }

    @Test
    void aRelativeWorkDirectoryIsRefused() {
        assertThatThrownBy(() -> LogstashSettings.defaults(Path.of("work")))
                .hasMessageContaining("absolute");
    }

    @Test
    void theEnvironmentOverridesTheDefaults() {
        LogstashSettings settings = LogstashSettings.fromEnv(Map.of(
                "MESOS_LOGSTASH_LOGSTASH_HOME", "/opt/logstash",
                "MESOS_LOGSTASH_LOGSTASH_API_PORT", "9700",
                "MESOS_LOGSTASH_LOGSTASH_HEAP", "2g",
                "MESOS_LOGSTASH_LOGSTASH_QUEUE_TYPE", "memory",
                "MESOS_LOGSTASH_LOGSTASH_PIPELINE_WORKERS", "4",
                "MESOS_LOGSTASH_LOGSTASH_STARTUP_TIMEOUT", "5mins"), Path.of("/var/lib/ml"));

        assertThat(settings.home()).isEqualTo(Path.of("/opt/logstash"));
        assertThat(settings.workDir()).isEqualTo(Path.of("/var/lib/ml"));
        assertThat(settings.apiPort()).isEqualTo(9700);
        assertThat(settings.javaOpts()).isEqualTo("-Xms2g -Xmx2g");
        assertThat(settings.queueType()).isEqualTo("memory");
        assertThat(settings.pipelineWorkers()).isEqualTo(4);
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.batchSize()).isEqualTo(125);
    }

    @Test
    void aBadEnvironmentValueNamesTheVariableAndTheValue() {
        assertThatThrownBy(() -> LogstashSettings.fromEnv(Map.of("MESOS_LOGSTASH_LOGSTASH_QUEUE_TYPE", "disk"), Path.of("/w")))
                .isInstanceOfSatisfying(InvalidEnvironmentException.class,
                        e -> assertThat(e.variable()).isEqualTo("MESOS_LOGSTASH_LOGSTASH_QUEUE_TYPE"))
                .hasMessageContaining("'disk'").hasMessageContaining("persisted or memory");
        assertThatThrownBy(() -> LogstashSettings.fromEnv(Map.of("MESOS_LOGSTASH_LOGSTASH_API_PORT", "http"), Path.of("/w")))
                .hasMessageContaining("MESOS_LOGSTASH_LOGSTASH_API_PORT='http'");
        assertThatThrownBy(() -> LogstashSettings.fromEnv(Map.of("MESOS_LOGSTASH_LOGSTASH_HOME", "logstash"), Path.of("/w")))
                .hasMessageContaining("MESOS_LOGSTASH_LOGSTASH_HOME").hasMessageContaining("absolute");
    }
}
