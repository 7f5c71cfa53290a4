package org.mesoslogstash.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.scheduler.framework.SchedulerOption;
import org.mesoslogstash.scheduler.framework.SchedulerProperties;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker/marathon/mesos-logstash.json, the Marathon application of the scheduler, against the code: the
 * images of this version, only options the scheduler knows (with values it can bind), health and
 * readiness checks on paths it serves, and an upgrade that never runs two schedulers at once.
 */
class MarathonAppDefinitionTest {

    private static final Path APP = Path.of("..", "docker", "marathon", "mesos-logstash.json");
    private static final JsonNode APP_JSON = read();

    private static JsonNode read() {
        try {
            return JsonMapper.builder().build().readTree(Files.readString(APP));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The project version, as the parent pom gives it (the images are tagged with it). */
    private static String projectVersion() throws IOException {
        Matcher matcher = Pattern.compile("<artifactId>mesos-logstash-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("..", "pom.xml")));
        assertThat(matcher.find()).as("the parent pom names its version").isTrue();
        return matcher.group(1);
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        APP_JSON.get("env").properties().forEach(e -> {
            assertThat(e.getValue().isString()).as("%s is a plain string", e.getKey()).isTrue();
            env.put(e.getKey(), e.getValue().asString());
        });
        return env;
    }

    /** Every GET path a controller of the scheduler maps. */
    private static Set<String> servedGetPaths() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        Set<String> paths = new HashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.mesoslogstash.scheduler")) {
            for (Method method : Class.forName(candidate.getBeanClassName()).getDeclaredMethods()) {
                GetMapping mapping = method.getAnnotation(GetMapping.class);
                if (mapping != null) {
                    paths.addAll(List.of(mapping.value()));
                    paths.addAll(List.of(mapping.path()));
                }
            }
        }
        return paths;
    }

    @Test
    void theSchedulerAndExecutorImagesAreThoseOfThisVersion() throws IOException {
        String version = projectVersion();

        assertThat(APP_JSON.at("/container/type").asString()).isEqualTo("DOCKER");
        assertThat(APP_JSON.at("/container/docker/image").asString()).isEqualTo("mesos-logstash/scheduler:" + version);
        assertThat(env()).containsEntry("MESOS_LOGSTASH_EXECUTOR_IMAGE", "mesos-logstash/executor:" + version);
    }

    @Test
    void theImagesAreTheOnesTheInstallationGuideNames() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "installation.md"));
        String version = projectVersion();

        assertThat(guide).contains("`mesos-logstash/scheduler:<version>`", "`mesos-logstash/executor:<version>`",
                "mesos-logstash/scheduler:" + version, "MESOS_LOGSTASH_EXECUTOR_IMAGE=mesos-logstash/executor:" + version,
                "docker/marathon/mesos-logstash.json");
        assertThat(APP_JSON.at("/container/docker/image").asString()).startsWith("mesos-logstash/scheduler:");
    }

    @Test
    void everyOptionItSetsIsOneTheSchedulerKnowsWithAValueItCanBind() {
        Set<String> known = new HashSet<>(SchedulerOption.all().stream().map(SchedulerOption::environmentVariable).toList());
        Map<String, String> env = env();

        assertThat(env.keySet().stream().filter(name -> name.startsWith("MESOS_LOGSTASH_"))).isNotEmpty().allMatch(known::contains);
        assertThat(env).containsKey("MESOS_LOGSTASH_MASTER");
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(env))));
        SchedulerProperties bound = binder.bindOrCreate("mesos.logstash", SchedulerProperties.class);
        assertThat(bound.master()).isEqualTo(env.get("MESOS_LOGSTASH_MASTER"));
    }

    @Test
    void healthAndReadinessAreCheckedOnPathsTheSchedulerServesOnItsOnePort() throws ClassNotFoundException {
        Set<String> served = servedGetPaths();
        JsonNode port = APP_JSON.at("/portDefinitions/0");

        assertThat(APP_JSON.get("portDefinitions").size()).as("one port, PORT0").isEqualTo(1);
        assertThat(APP_JSON.get("healthChecks").values()).isNotEmpty().allSatisfy(check -> {
            assertThat(served).contains(check.get("path").asString());
            assertThat(check.get("portIndex").asInt()).isZero();
        });
        assertThat(APP_JSON.get("readinessChecks").values()).isNotEmpty().allSatisfy(check -> {
            assertThat(served).contains(check.get("path").asString());
            assertThat(check.get("portName").asString()).isEqualTo(port.get("name").asString());
        });
        assertThat(APP_JSON.at("/healthChecks/0/path").asString()).isEqualTo("/api/health");
        assertThat(APP_JSON.at("/readinessChecks/0/path").asString()).isEqualTo("/api/ready");
    }

    @Test
    void oneSchedulerRunsAndAnUpgradeStopsTheOldBeforeStartingTheNew() {
        assertThat(APP_JSON.get("instances").asInt()).isEqualTo(1);
        assertThat(APP_JSON.at("/upgradeStrategy/minimumHealthCapacity").asDouble()).isZero();
        assertThat(APP_JSON.at("/upgradeStrategy/maximumOverCapacity").asDouble()).isZero();
        assertThat(APP_JSON.at("/labels/MARATHON_SINGLE_INSTANCE_APP").asString()).isEqualTo("true");
    }
}
