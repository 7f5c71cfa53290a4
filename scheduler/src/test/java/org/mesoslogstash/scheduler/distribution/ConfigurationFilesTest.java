package org.mesoslogstash.scheduler.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.config.validation.ConfigurationValidator;
import org.mesoslogstash.config.validation.PluginPolicy;

class ConfigurationFilesTest {

    @TempDir
    Path dir;

    private final ConfigurationValidator validator = new ConfigurationValidator(PluginPolicy.strict());

    @Test
    void everyConfFileIsAConfigurationNamedAfterIt() throws Exception {
        Files.writeString(dir.resolve("nginx.conf"), "input { container { image => \"nginx\" console => true } }");
        Files.writeString(dir.resolve("app.conf"), "input { container { path => \"/var/log/app.log\" } }");
        Files.writeString(dir.resolve("README.md"), "not a configuration");

        assertThat(ConfigurationFiles.read(dir, validator)).containsExactly(
                new Configuration("app", "input { container { path => \"/var/log/app.log\" } }"),
                new Configuration("nginx", "input { container { image => \"nginx\" console => true } }"));
    }

    @Test
    void oneBadFileStopsAllWithEveryProblemNamed() throws Exception {
        Files.writeString(dir.resolve("good.conf"), "input { container { console => true } }");
        Files.writeString(dir.resolve("broken.conf"), "input {\n  container { path => \"relative\" }\n");
        Files.writeString(dir.resolve("Bad Name.conf"), "input { exec { command => \"id\" } }");

        assertThatThrownBy(() -> ConfigurationFiles.read(dir, validator))
                .isInstanceOf(ConfigurationFiles.InvalidConfigurationsException.class)
                .hasMessageStartingWith("3 problem(s) in the configurations of " + dir + ":")
                .hasMessageContaining(dir.resolve("broken.conf") + ": error at line 3, column 1: expected")
                .hasMessageContaining(dir.resolve("Bad Name.conf") + ": error: the name \"Bad Name\" must be")
                .hasMessageContaining(dir.resolve("Bad Name.conf") + ": error at line 1, column 9: the input plugin \"exec\" runs a command");
    }

    @Test
    void theOperatorMayAllowPluginsThatRunCode() throws Exception {
        Files.writeString(dir.resolve("ruby.conf"), "input { container { console => true } } filter { ruby { code => \"event.cancel\" } }");

        assertThatThrownBy(() -> ConfigurationFiles.read(dir, validator)).hasMessageContaining("\"ruby\" runs Ruby code");
        assertThat(ConfigurationFiles.read(dir, new ConfigurationValidator(new PluginPolicy(Set.of("ruby"))))).hasSize(1);
    }
}
