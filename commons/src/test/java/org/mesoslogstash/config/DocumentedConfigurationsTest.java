package org.mesoslogstash.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.config.validation.ConfigurationValidator;
import org.mesoslogstash.config.validation.PluginPolicy;

/** Every configuration that docs/configurations.md shows is valid, so that the documentation cannot drift from the code. */
class DocumentedConfigurationsTest {

    private static final Path DOC = Path.of("..", "docs", "configurations.md");

    @Test
    void everyExampleInTheDocumentationIsValid() throws IOException {
        List<String> examples = indentedBlocks(Files.readAllLines(DOC)).stream().filter(b -> b.contains("input {")).toList();

        assertThat(examples).as("examples in %s", DOC).hasSizeGreaterThanOrEqualTo(4);
        ConfigurationValidator validator = new ConfigurationValidator(PluginPolicy.strict());
        for (String example : examples) {
            ConfigurationValidator.Result result = validator.validate(new Configuration("example", example));
            assertThat(result.problems()).as("problems of the example:%n%s", example).isEmpty();
            assertThat(result).isInstanceOf(ConfigurationValidator.Valid.class);
        }
    }

    /** Markdown code blocks written with four spaces of indentation, without it. */
    private static List<String> indentedBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (line.startsWith("    ")) {
                block = block == null ? new StringBuilder() : block;
                block.append(line.substring(4)).append('\n');
            } else if (block != null && line.isBlank()) {
                block.append('\n');
            } else if (block != null) {
                blocks.add(block.toString());
                block = null;
            }
        }
        if (block != null) {
            blocks.add(block.toString());
        }
        return blocks;
    }
}
