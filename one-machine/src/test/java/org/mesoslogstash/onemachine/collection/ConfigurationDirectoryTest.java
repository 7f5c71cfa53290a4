package org.mesoslogstash.onemachine.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationDirectoryTest {

    @TempDir
    Path dir;

    private Path source(String name, String... files) throws IOException {
        Path source = Files.createDirectories(dir.resolve(name));
        for (String file : files) {
            Files.writeString(source.resolve(file), "input { container { console => true } } # " + file);
        }
        return source;
    }

    @Test
    void theConfFilesOfEverySourceAreGatheredAndOtherFilesLeftOut() throws IOException {
        Path examples = source("examples", "containers.conf", "README.md");
        Path mine = source("mine", "app.conf");
        Path target = dir.resolve("run");

        List<String> names = ConfigurationDirectory.gather(List.of(examples, mine), target);

        assertThat(names).containsExactly("containers", "app");
        try (var files = Files.list(target)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("containers.conf", "app.conf");
        }
        assertThat(Files.readString(target.resolve("app.conf"))).endsWith("# app.conf");
    }

    @Test
    void configurationsOfAnEarlierRunAreRemoved() throws IOException {
        Path target = source("run", "gone.conf");

        ConfigurationDirectory.gather(List.of(source("mine", "app.conf")), target);

        assertThat(target.resolve("gone.conf")).doesNotExist();
    }

    @Test
    void twoConfigurationsOfTheSameNameAreAnErrorNamingBothFiles() throws IOException {
        Path examples = source("examples", "containers.conf");
        Path mine = source("mine", "containers.conf");

        assertThatThrownBy(() -> ConfigurationDirectory.gather(List.of(examples, mine), dir.resolve("run")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two configurations named containers")
                .hasMessageContaining(examples.resolve("containers.conf").toString())
                .hasMessageContaining(mine.resolve("containers.conf").toString());
    }

    @Test
    void noConfigurationAtAllIsAnError() throws IOException {
        Path empty = source("empty");

        assertThatThrownBy(() -> ConfigurationDirectory.gather(List.of(empty), dir.resolve("run")))
                .hasMessageStartingWith("no <name>.conf configuration in");
    }
}
