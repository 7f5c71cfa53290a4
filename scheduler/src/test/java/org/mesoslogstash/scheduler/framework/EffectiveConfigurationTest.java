package org.mesoslogstash.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class EffectiveConfigurationTest {

    /** Arranged as Spring Boot arranges a started application's environment: arguments, environment, application.properties. */
    private static StandardEnvironment environment(Map<String, Object> variables, String... arguments) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(arguments));
        environment.getPropertySources().addLast(new MapPropertySource("Config resource 'class path resource [application.properties]'",
                Map.of("server.port", "${PORT0:8080}")));
        return environment;
    }

    @Test
    void eachOptionShowsItsValueAndWhereItCameFrom() {
        EffectiveConfiguration configuration = EffectiveConfiguration.of(environment(
                Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos", "MESOS_LOGSTASH_EXECUTOR_CPUS", "0.25", "PORT0", "31000"),
                "--mesos.logstash.framework-name=logs"));

        assertThat(configuration.entry("mesos.logstash.master").toString())
                .isEqualTo("MESOS_LOGSTASH_MASTER (mesos.logstash.master) = 'zk://zk:2181/mesos' [environment MESOS_LOGSTASH_MASTER]");
        assertThat(configuration.entry("mesos.logstash.executor.cpus").origin()).isEqualTo(EffectiveConfiguration.Origin.ENVIRONMENT);
        assertThat(configuration.entry("mesos.logstash.framework-name").toString())
                .isEqualTo("MESOS_LOGSTASH_FRAMEWORK_NAME (mesos.logstash.framework-name) = 'logs' [argument]");
        assertThat(configuration.entry("mesos.logstash.failover-timeout").toString())
                .isEqualTo("MESOS_LOGSTASH_FAILOVER_TIMEOUT (mesos.logstash.failover-timeout) = '7d' [default]");
        assertThat(configuration.entry("mesos.logstash.webui-url").toString())
                .isEqualTo("MESOS_LOGSTASH_WEBUI_URL (mesos.logstash.webui-url) = (none) [not set]");
        assertThat(configuration.entry("server.port").toString()).isEqualTo("PORT0 (server.port) = '31000' [environment PORT0]");
    }

    @Test
    void theHttpPortIsTheDefaultWithoutPort0() {
        assertThat(EffectiveConfiguration.of(environment(Map.of())).entry("server.port").toString())
                .isEqualTo("PORT0 (server.port) = '8080' [default]");
    }

    @Test
    void everyOptionIsListedOnceAndSecretsAreMasked() {
        String logged = EffectiveConfiguration.of(environment(Map.of("MESOS_LOGSTASH_PRINCIPAL", "logger", "MESOS_LOGSTASH_SECRET", "s3cret",
                "MESOS_LOGSTASH_USERS", "alice:operator:{noop}alice-pw"))).toString();

        assertThat(logged).doesNotContain("s3cret").doesNotContain("alice-pw")
                .contains("MESOS_LOGSTASH_SECRET (mesos.logstash.secret) = '***' [environment MESOS_LOGSTASH_SECRET]")
                .contains("MESOS_LOGSTASH_USERS (mesos.logstash.users) = 'alice:operator:***' [environment MESOS_LOGSTASH_USERS]");
        assertThat(logged.lines().skip(1)).hasSize(SchedulerOption.all().size());
    }

    @Test
    void variablesAndArgumentsThatLookLikeOptionsButAreNoneAreListed() {
        EffectiveConfiguration configuration = EffectiveConfiguration.of(environment(Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos",
                "MESOS_LOGSTASH_EXECUTOR_CPU", "1", "MESOS_LOGSTASH_EXECUTOR_LOGSTASHHEAP", "1024", "MESOS_OTHER", "x"),
                "--mesos.logstash.framework-nam=logs", "--mesos.logstash.constraints[0]=rack:r1", "--server.port=0"));

        assertThat(configuration.unknown()).containsExactly("MESOS_LOGSTASH_EXECUTOR_CPU", "mesos.logstash.framework-nam");
    }
}
