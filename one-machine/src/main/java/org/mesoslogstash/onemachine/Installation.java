package org.mesoslogstash.onemachine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The checkout the one-machine mode runs from (bin/mesos-logstash sets {@code mesos.logstash.home}):
 * the built jars of the scheduler and the executor, the example configurations, and this JDK's java.
 *
 * @param home the checkout's root
 */
public record Installation(Path home) {

    public static final String HOME_PROPERTY = "mesos.logstash.home";

    /** From {@value #HOME_PROPERTY}, else the directory two levels above this jar ({@code one-machine/target/}). */
    public static Installation current() {
        String property = System.getProperty(HOME_PROPERTY);
        if (property != null) {
            return new Installation(Path.of(property).toAbsolutePath().normalize());
        }
        try {
            Path jar = Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new Installation(jar.getParent().getParent().getParent().normalize());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot tell where mesos-logstash is installed; set -D" + HOME_PROPERTY, e);
        }
    }

    public Path schedulerExecJar() {
        return find(home.resolve("scheduler/target"), "mesos-logstash-scheduler-", "-exec.jar");
    }

    public Path executorJar() {
        return find(home.resolve("executor/target"), "mesos-logstash-executor-", ".jar");
    }

    public Path examples() {
        return home.resolve("examples/one-machine");
    }

    /** The java launcher of this JVM, for the children. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
            found = List.of();
        }
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + prefix + "*" + suffix + " in " + dir + ", found " + found
                    + "; build with: bin/mvn -q -pl one-machine -am package -DskipTests");
        }
        return found.get(0).toAbsolutePath().normalize();
    }
}
