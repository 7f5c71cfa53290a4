package org.mesoslogstash.executor.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the docker command line against a daemon, as an operator would, for integration tests. */
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

    /** Runs a shell pipeline (for {@code docker save | docker load}); fails on a non-zero exit. */
    public static String shell(String script) {
        return exec(List.of("bash", "-c", "set -o pipefail; " + "set -e; " + script));
    }

    static String exec(List<String> command) {
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
