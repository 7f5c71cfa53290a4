package org.mesoslogstash.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.scheduler.testsupport.TestProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SchedulerOptionTest {

    @Test
    void everyComponentOfThePropertiesIsAnOptionWithItsEnvironmentVariableAndDefault() {
        assertThat(SchedulerOption.byProperty("mesos.logstash.framework-name")).get()
                .satisfies(o -> assertThat(o.environmentVariable()).isEqualTo("MESOS_LOGSTASH_FRAMEWORK_NAME"))
                .satisfies(o -> assertThat(o.defaultValue()).contains("mesos-logstash"));
        assertThat(SchedulerOption.byProperty("mesos.logstash.executor.logstash-heap")).get()
                .satisfies(o -> assertThat(o.environmentVariable()).isEqualTo("MESOS_LOGSTASH_EXECUTOR_LOGSTASH_HEAP"))
                .satisfies(o -> assertThat(o.defaultValue()).contains("512"));
        assertThat(SchedulerOption.byProperty("mesos.logstash.master")).get().satisfies(o -> assertThat(o.defaultValue()).isEmpty());
        assertThat(SchedulerOption.byProperty("mesos.logstash.users")).isPresent();
        assertThat(SchedulerOption.byProperty("server.port")).contains(SchedulerOption.SERVER_PORT);
        assertThat(SchedulerOption.byProperty("mesos.logstash.executor")).as("a group, not an option").isEmpty();
        int components = SchedulerProperties.class.getRecordComponents().length - 1
                + SchedulerProperties.Executor.class.getRecordComponents().length + 1 /* users */ + 1 /* port */;
        assertThat(SchedulerOption.all()).hasSize(components);
        assertThat(SchedulerOption.all()).extracting(SchedulerOption::environmentVariable).doesNotHaveDuplicates();
    }

    @Test
    void secretsAreMaskedAndUsersKeepTheirNamesAndRoles() {
        assertThat(SchedulerOption.byProperty("mesos.logstash.secret").orElseThrow().shown("s3cret")).isEqualTo("***");
        assertThat(SchedulerOption.byProperty("mesos.logstash.users").orElseThrow().shown("alice:operator:{noop}pw:x, bob:viewer:{bcrypt}$2a$10$h, odd"))
                .isEqualTo("alice:operator:***,bob:viewer:***,***");
        assertThat(SchedulerOption.byProperty("mesos.logstash.principal").orElseThrow().shown("logger")).isEqualTo("logger");
    }

    private static FailureAnalysis conversionFailure(String variable, String value) {
        Map<String, Object> env = new HashMap<>(Map.of("MESOS_LOGSTASH_MASTER", "zk://zk:2181/mesos",
                "MESOS_LOGSTASH_COLLECTOR_CONFIG", TestProperties.collectorConfigPath(), variable, value));
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)));
        try {
            binder.bindOrCreate("mesos.logstash", SchedulerProperties.class);
        } catch (BindException e) {
            return new OptionConversionFailureAnalyzer().analyze(new IllegalStateException("context failed", e));
        }
        throw new AssertionError(variable + "=" + value + " was bound");
    }

    @Test
    void aNumberThatIsNoneNamesTheOptionTheValueAndTheVariableItCameFrom() {
        assertThat(conversionFailure("MESOS_LOGSTASH_EXECUTOR_CPUS", "abc").getDescription())
                .isEqualTo("Invalid option mesos.logstash.executor.cpus (MESOS_LOGSTASH_EXECUTOR_CPUS) = 'abc': expected a number, "
                        + "such as 0.5 or 256 (given by environment MESOS_LOGSTASH_EXECUTOR_CPUS)");
    }

    @Test
    void aDurationThatIsNoneSaysWhatADurationLooksLike() {
        assertThat(conversionFailure("MESOS_LOGSTASH_FAILOVER_TIMEOUT", "forever").getDescription())
                .startsWith("Invalid option mesos.logstash.failover-timeout (MESOS_LOGSTASH_FAILOVER_TIMEOUT) = 'forever': expected a duration")
                .contains("30s, 15m or 7d");
    }

    @Test
    void anUnknownLaunchModeListsTheKnownOnes() {
        FailureAnalysis analysis = conversionFailure("MESOS_LOGSTASH_EXECUTOR_LAUNCH", "FOO");
        assertThat(analysis.getDescription())
                .startsWith("Invalid option mesos.logstash.executor.launch (MESOS_LOGSTASH_EXECUTOR_LAUNCH) = 'FOO': expected one of DOCKER, COMMAND");
        assertThat(analysis.getAction()).contains("docs/configuration-reference.md");
    }

    @Test
    void bindFailuresOfOtherPropertiesAreLeftToSpringBoot() {
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("OTHER_PORT", "x"))));
        assertThatThrownBy(() -> binder.bind("other.port", Integer.class)).isInstanceOfSatisfying(BindException.class,
                e -> assertThat(new OptionConversionFailureAnalyzer().analyze(e)).isNull());
    }
}
