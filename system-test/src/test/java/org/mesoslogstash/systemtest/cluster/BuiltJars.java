package org.mesoslogstash.systemtest.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jars the reactor built before this module's integration tests, found relative to the module
 * directory (the tests' working directory): the scheduler's runnable exec jar and the executor's jar
 * (with its {@code lib/} beside it).
 */
final class BuiltJars {

    private BuiltJars() {
    }

    static Path schedulerExecJar() {
        return find(Path.of("..", "scheduler", "target"), "mesos-logstash-scheduler-", "-exec.jar");
    }

    static Path executorJar() {
        return find(Path.of("..", "executor", "target"), "mesos-logstash-executor-", ".jar");
    }

    /** The java launcher of the JVM running the tests, for child processes. */
    static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static Path find(Path dir, String prefix, String suffix) {
        List<Path> found;
        try (Stream<Path> files = Files.list(dir)) {
            found = files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(suffix) && !name.endsWith("-sources.jar") && !name.endsWith("-tests.jar")
                        && (suffix.equals("-exec.jar") || !name.endsWith("-exec.jar"));
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no " + dir.toAbsolutePath().normalize() + ": build the module first (bin/mvn -q -o -pl scheduler,executor -am install -DskipTests)", e);
        }
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + prefix + "*" + suffix + " in " + dir.toAbsolutePath().normalize() + ", found " + found);
        }
        return found.get(0).toAbsolutePath().normalize();
    }
}
