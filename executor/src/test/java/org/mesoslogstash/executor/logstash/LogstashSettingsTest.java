package org.mesoslogstash.executor.logstash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
}
