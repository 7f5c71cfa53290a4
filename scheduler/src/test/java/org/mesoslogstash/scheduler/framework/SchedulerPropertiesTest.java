package org.mesoslogstash.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.scheduler.testsupport.TestProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SchedulerPropertiesTest {

    /** Bound as Spring Boot binds the process environment (the source's name selects the env-var mapping). */
    private static SchedulerProperties fromEnvironment(Map<String, String> variables) {
        Map<String, Object> env = new HashMap<>(variables);
        env.putIfAbsent("MESOS_LOGSTASH_COLLECTOR_CONFIG", TestProperties.collectorConfigPath());
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)));
        return binder.bindOrCreate("mesos.logstash", SchedulerProperties.class);
    }

    @Test
    void theDocumentedDefaultsApplyWhenOnlyTheMasterIsGiven() {
        SchedulerProperties properties = fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "zk://zk1:2181,zk2:2181/mesos")).validate();

        assertThat(properties.zooKeeperServers()).contains("zk1:2181,zk2:2181");
        assertThat(properties.zkPath()).isEqualTo("/mesos-logstash");
        assertThat(properties.frameworkName()).isEqualTo("mesos-logstash");
        assertThat(properties.role()).isEqualTo("*");
        assertThat(properties.user()).isEqualTo("root");
        assertThat(properties.failoverTimeout()).isEqualTo(Duration.ofDays(7));
        assertThat(properties.refuseSeconds()).isEqualTo(30);
        assertThat(properties.placedRefuseSeconds()).isEqualTo(3600);
        assertThat(properties.constraints()).isEmpty();
        assertThat(properties.executor().launch()).isEqualTo(SchedulerProperties.LaunchMode.DOCKER);
        assertThat(properties.executor().image()).isEqualTo("mesos-logstash/executor:latest");
        assertThat(properties.executor().cpus()).isEqualTo(0.5);
        assertThat(properties.executor().mem()).isEqualTo(256);
        assertThat(properties.executor().logstashHeap()).isEqualTo(512);
        assertThat(properties.executor().logstashMem()).isEqualTo(1024);
    }

    @Test
    @SuppressWarnings("deprecation") // FrameworkInfo.role: see FrameworkInfos
    void everyOptionIsReadFromItsEnvironmentVariable() {
        SchedulerProperties properties = fromEnvironment(Map.ofEntries(
                Map.entry("MESOS_LOGSTASH_MASTER", "http://m1:5050,http://m2:5050"),
                Map.entry("MESOS_LOGSTASH_ZK_SERVERS", "zk:2181"),
                Map.entry("MESOS_LOGSTASH_ZK_PATH", "/logs/fw"),
                Map.entry("MESOS_LOGSTASH_FRAMEWORK_NAME", "logs"),
                Map.entry("MESOS_LOGSTASH_ROLE", "logging"),
                Map.entry("MESOS_LOGSTASH_PRINCIPAL", "logger"),
                Map.entry("MESOS_LOGSTASH_SECRET", "s3cret"),
                Map.entry("MESOS_LOGSTASH_FAILOVER_TIMEOUT", "1h"),
                Map.entry("MESOS_LOGSTASH_WEBUI_URL", "http://scheduler:8080"),
                Map.entry("MESOS_LOGSTASH_REFUSE_SECONDS", "5"),
                Map.entry("MESOS_LOGSTASH_CONSTRAINTS", "rack:r1,zone:a"),
                Map.entry("MESOS_LOGSTASH_EXECUTOR_CPUS", "0.25"),
                Map.entry("MESOS_LOGSTASH_EXECUTOR_MEM", "128"),
                Map.entry("MESOS_LOGSTASH_EXECUTOR_LOGSTASH_HEAP", "1024"),
                Map.entry("MESOS_LOGSTASH_EXECUTOR_LOGSTASH_MEM", "1536"),
                Map.entry("MESOS_LOGSTASH_EXECUTOR_LAUNCH", "COMMAND"),
                Map.entry("MESOS_LOGSTASH_EXECUTOR_URIS", "http://repo/a.jar,http://repo/b.tgz"))).validate();

        assertThat(properties.zooKeeperServers()).contains("zk:2181");
        assertThat(properties.zkPath()).isEqualTo("/logs/fw");
        assertThat(properties.refuseSeconds()).isEqualTo(5);
        assertThat(properties.constraints()).containsExactly("rack:r1", "zone:a");
        assertThat(properties.executor().cpus()).isEqualTo(0.25);
        assertThat(properties.executor().mem()).isEqualTo(128);
        assertThat(properties.executor().logstashHeap()).isEqualTo(1024);
        assertThat(properties.executor().logstashMem()).isEqualTo(1536);
        assertThat(properties.executor().launch()).isEqualTo(SchedulerProperties.LaunchMode.COMMAND);
        assertThat(properties.executor().uris()).containsExactly("http://repo/a.jar", "http://repo/b.tgz");
        FrameworkInfo info = FrameworkInfos.from(properties, java.util.Optional.empty());
        assertThat(info.getName()).isEqualTo("logs");
        assertThat(info.getRole()).isEqualTo("logging");
        assertThat(info.getPrincipal()).isEqualTo("logger");
        assertThat(info.getFailoverTimeout()).isEqualTo(3600.0);
        assertThat(info.getWebuiUrl()).isEqualTo("http://scheduler:8080");
        assertThat(info.getCheckpoint()).isTrue();
        assertThat(info.getCapabilitiesList()).extracting(c -> c.getType().name()).containsExactly("PARTITION_AWARE", "TASK_KILLING_STATE");
        assertThat(properties.toString()).doesNotContain("s3cret");
    }

    @Test
    void aMissingMasterIsNamedWithItsEnvironmentVariable() {
        assertThatThrownBy(() -> fromEnvironment(Map.of()).validate())
                .hasMessageStartingWith("Invalid option mesos.logstash.master (MESOS_LOGSTASH_MASTER) = 'null': the Mesos master address is required");
    }

    @Test
    void aMalformedMasterSaysWhatWouldBeAccepted() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "master:5050")).validate())
                .hasMessageContaining("MESOS_LOGSTASH_MASTER").hasMessageContaining("expected zk://host:port");
    }

    @Test
    void httpMastersNeedAZooKeeperForTheFrameworkId() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "http://m1:5050")).validate())
                .hasMessageContaining("mesos.logstash.zk-servers (MESOS_LOGSTASH_ZK_SERVERS)");
    }

    @Test
    void configurationsAreReadFromTheirDirectoryUnderThePluginPolicyAndABadOneIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("app.conf"), "input { container { console => true } } filter { ruby { code => \"x\" } }");
        Map<String, String> options = Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos", "MESOS_LOGSTASH_CONFIGURATIONS", dir.toString());

        assertThatThrownBy(() -> fromEnvironment(options).validate().configurationList())
                .hasMessageStartingWith("Invalid option mesos.logstash.configurations (MESOS_LOGSTASH_CONFIGURATIONS) = '" + dir
                        + "': 1 problem(s) in the configurations of " + dir)
                .hasMessageContaining("app.conf: error at line 1, column 50: the filter plugin \"ruby\" runs Ruby code on the agent");
        Map<String, String> allowingRuby = new HashMap<>(options);
        allowingRuby.put("MESOS_LOGSTASH_ALLOWED_PLUGINS", "ruby, exec");
        assertThat(fromEnvironment(allowingRuby).validate().configurationList()).extracting(c -> c.name()).containsExactly("app");
    }

    @Test
    void aConfigurationsOptionThatIsNoDirectoryIsNamed() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos", "MESOS_LOGSTASH_CONFIGURATIONS", "/nonexistent/confs"))
                .configurationList())
                .hasMessageContaining("MESOS_LOGSTASH_CONFIGURATIONS").hasMessageContaining("expected a directory of <name>.conf files");
    }

    @Test
    void validationLeavesTheConfigurationsDirectoryAloneSinceItOnlySeedsTheFirstStart(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.conf"), "input {");

        SchedulerProperties properties = fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos",
                "MESOS_LOGSTASH_CONFIGURATIONS", dir.toString())).validate();

        assertThatThrownBy(properties::configurationList).hasMessageContaining("(MESOS_LOGSTASH_CONFIGURATIONS)");
    }

    @Test
    void aMalformedConstraintIsNamed() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos", "MESOS_LOGSTASH_CONSTRAINTS", "rack")).validate())
                .hasMessage("Invalid option mesos.logstash.constraints (MESOS_LOGSTASH_CONSTRAINTS) = 'rack': expected attribute:value, e.g. rack:r1");
    }

    @Test
    void nonPositiveResourcesAreRefused() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos", "MESOS_LOGSTASH_EXECUTOR_MEM", "0")).validate())
                .hasMessage("Invalid option mesos.logstash.executor.mem (MESOS_LOGSTASH_EXECUTOR_MEM) = '0.0': expected a number > 0");
    }

    @Test
    void logstashMemoryNotAboveItsHeapIsRefused() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos",
                "MESOS_LOGSTASH_EXECUTOR_LOGSTASH_HEAP", "1024", "MESOS_LOGSTASH_EXECUTOR_LOGSTASH_MEM", "1024")).validate())
                .hasMessageStartingWith("Invalid option mesos.logstash.executor.logstash-mem (MESOS_LOGSTASH_EXECUTOR_LOGSTASH_MEM) = '1024.0': "
                        + "expected MiB more than executor.logstash-heap 1024.0");
    }

    @Test
    void aSecretWithoutPrincipalIsRefused() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos", "MESOS_LOGSTASH_SECRET", "x")).validate())
                .hasMessageContaining("MESOS_LOGSTASH_PRINCIPAL");
    }

    @Test
    void defaultsAreTheSameAsInTheTestFixture() {
        assertThat(fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "zk://127.0.0.1:2181/mesos")))
                .isEqualTo(org.mesoslogstash.scheduler.testsupport.TestProperties.with(List.of(), org.mesoslogstash.scheduler.testsupport.TestProperties.dockerExecutor()));
    }

    @Test
    void theCollectorConfigurationIsReadFromTheFileItsVariableNames() {
        SchedulerProperties properties = fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos")).validate();

        assertThat(properties.collectorConfig()).isEqualTo(TestProperties.collectorConfigPath());
        assertThat(properties.collectorConfigJson()).isEqualTo(TestProperties.COLLECTOR_CONFIG_JSON);
    }

    @Test
    void aMissingCollectorConfigurationIsNamedWithItsEnvironmentVariable() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos", "MESOS_LOGSTASH_COLLECTOR_CONFIG", "")).validate())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("Invalid option mesos.logstash.collector-config (MESOS_LOGSTASH_COLLECTOR_CONFIG) = '': required");
    }

    @Test
    void anUnreadableCollectorConfigurationFileStopsTheStartNamingTheOption(@TempDir Path dir) {
        String missing = dir.resolve("collector.json").toString();

        assertThatThrownBy(() -> fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos", "MESOS_LOGSTASH_COLLECTOR_CONFIG", missing)).validate())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("Invalid option mesos.logstash.collector-config (MESOS_LOGSTASH_COLLECTOR_CONFIG) = '" + missing
                        + "': expected a readable collector configuration JSON file; reading it failed: java.nio.file.NoSuchFileException");
    }

    @Test
    void anEmptyCollectorConfigurationFileIsRefused(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("collector.json"), "\n");

        assertThatThrownBy(() -> fromEnvironment(Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos", "MESOS_LOGSTASH_COLLECTOR_CONFIG", empty.toString())).validate())
                .hasMessageContaining("(MESOS_LOGSTASH_COLLECTOR_CONFIG)").hasMessageContaining("the file is empty");
    }
}
