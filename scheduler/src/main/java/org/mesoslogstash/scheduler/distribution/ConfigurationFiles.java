package org.mesoslogstash.scheduler.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.config.Problem;
import org.mesoslogstash.config.validation.ConfigurationValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configurations kept as files: every {@code <name>.conf} in one directory is the configuration
 * {@code <name>}. All of them are validated before any is used, and the problems of all files are
 * reported together, so that one bad file stops the scheduler instead of reaching the agents.
 */
public final class ConfigurationFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationFiles.class);
    private static final String SUFFIX = ".conf";

    private ConfigurationFiles() {
    }

    /** Why the configurations in a directory cannot be used; the message lists every problem with its file, line and column. */
    public static final class InvalidConfigurationsException extends Exception {
        InvalidConfigurationsException(String message) {
            super(message);
        }
    }

    /** The configurations of {@code dir}, by file name; warnings are logged. */
    public static List<Configuration> read(Path dir, ConfigurationValidator validator) throws InvalidConfigurationsException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new InvalidConfigurationsException("cannot list the directory " + dir + ": " + e);
        }
        List<Configuration> configurations = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            Configuration configuration;
            try {
                configuration = new Configuration(fileName.substring(0, fileName.length() - SUFFIX.length()), Files.readString(file));
            } catch (IOException e) {
                errors.add(file + ": cannot be read: " + e);
                continue;
            }
            ConfigurationValidator.Result result = validator.validate(configuration);
            for (Problem problem : result.problems()) {
                if (problem.isError()) {
                    errors.add(file + ": " + problem);
                } else {
                    LOG.warn("Configuration {}: {}", file, problem);
                }
            }
            configurations.add(configuration);
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigurationsException(errors.size() + " problem(s) in the configurations of " + dir + ":\n  "
                    + String.join("\n  ", errors));
        }
        if (configurations.isEmpty()) {
            LOG.warn("No configuration (*{}) in {}: the executors collect only what the collector settings name", SUFFIX, dir);
        }
        return List.copyOf(configurations);
    }
}
