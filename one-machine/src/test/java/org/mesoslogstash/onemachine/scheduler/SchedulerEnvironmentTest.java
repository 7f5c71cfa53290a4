package org.mesoslogstash.onemachine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SchedulerEnvironmentTest {

    @Test
    void theExecutorIsLaunchedAsACommandFromTheBuiltJarAndTheUiListensWhereAsked() {
        Map<String, String> env = SchedulerEnvironment.of(URI.create("http://127.0.0.1:5050"), "127.0.0.1:2181", "/jdk/bin/java",
                Path.of("/m/executor/target/e.jar"), Path.of("/d/run/collector.json"), Path.of("/d/run/configurations"),
                new Login("admin", Optional.of("p"), "admin:operator:{bcrypt}h"), "0.0.0.0", 8480);

        assertThat(env).containsEntry("MESOS_LOGSTASH_MASTER", "http://127.0.0.1:5050")
                .containsEntry("MESOS_LOGSTASH_ZK_SERVERS", "127.0.0.1:2181")
                .containsEntry("MESOS_LOGSTASH_EXECUTOR_LAUNCH", "COMMAND")
                .containsEntry("MESOS_LOGSTASH_EXECUTOR_COMMAND", "exec /jdk/bin/java -Xmx128m -XX:+UseSerialGC -jar /m/executor/target/e.jar")
                .containsEntry("MESOS_LOGSTASH_COLLECTOR_CONFIG", "/d/run/collector.json")
                .containsEntry("MESOS_LOGSTASH_CONFIGURATIONS", "/d/run/configurations")
                .containsEntry("MESOS_LOGSTASH_USERS", "admin:operator:{bcrypt}h")
                .containsEntry("PORT0", "8480")
                .containsEntry("SERVER_ADDRESS", "0.0.0.0")
                .containsEntry("MESOS_LOGSTASH_WEBUI_URL", "http://127.0.0.1:8480/");
    }

    @Test
    void theUiUrlNamesTheAddressListenedOn() {
        assertThat(SchedulerEnvironment.uiUrl("127.0.0.1", 8480)).hasToString("http://127.0.0.1:8480/");
        assertThat(SchedulerEnvironment.uiUrl("0.0.0.0", 8480)).hasToString("http://127.0.0.1:8480/");
        assertThat(SchedulerEnvironment.uiUrl("::1", 8480)).hasToString("http://[::1]:8480/");
    }
}
