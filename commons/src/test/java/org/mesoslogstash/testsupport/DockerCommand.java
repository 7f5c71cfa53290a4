package org.mesoslogstash.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the docker command line against a daemon, as an operator would, for integration tests: the one
 * way the tests of every module run docker (and the commands around it, {@link #exec}).
 */
public final class DockerCommand {

    private final String host;

    /** @param host a {@code -H} value such as {@code unix:///tmp/x/docker.sock}, or null for the default daemon */
    public DockerCommand(String host) {
        this.host = host;
    }

    public static DockerCommand local() {
        return new DockerCommand(null);
    }

    /** Runs {@code docker [-H host] args...}; returns its trimmed standard output; fails on a non-zero exit. */
    public String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        if (host != null) {
            command.add("-H");
            command.add(host);
        }
        command.addAll(List.of(args));
        return exec(command);
    }

    /** Names of the containers, running or not, whose name starts with {@code prefix}. */
    public List<String> containersNamed(String prefix) {
        String names = run("ps", "-a", "--filter", "name=^/" + prefix, "--format", "{{.Names}}");
        return names.isEmpty() ? List.of() : List.of(names.split("\n"));
    }

    /** Removes every container whose name starts with {@code prefix} (what a failed test may leave). */
    public void removeContainersNamed(String prefix) {
        for (String name : containersNamed(prefix)) {
            run("rm", "-f", name);
        }
    }

    /** Runs a shell pipeline (for {@code docker save | docker load}); fails on a non-zero exit. */
    public static String shell(String script) {
        return exec(List.of("bash", "-c", "set -o pipefail; " + "set -e; " + script));
    }

    /** Runs {@code command}; returns its trimmed standard output; fails on a non-zero exit with its standard error. */
    public static String exec(List<String> command) {
        try {
            java.nio.file.Path errors = java.nio.file.Files.createTempFile("mlt-docker-", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectError(errors.toFile())
                        .start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int code = process.waitFor();
                if (code != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited with " + code + ": "
                            + java.nio.file.Files.readString(errors).trim());
                }
                return out.trim();
            } finally {
                java.nio.file.Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }
}
