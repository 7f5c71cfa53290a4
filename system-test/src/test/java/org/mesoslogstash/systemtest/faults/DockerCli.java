package org.mesoslogstash.systemtest.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI, for what the tests do as a user would: run, exec, remove; against this machine's
 * daemon, or against another one ({@code -H}, such as a {@code PrivateDockerDaemon}'s).
 */
final class DockerCli {

    private DockerCli() {
    }

    /** Runs {@code docker <args>}; its output, stripped; throws naming the command when it fails. */
    static String run(String... args) {
        return runOn(null, args);
    }

    /** As {@link #run}, against the daemon at {@code host} (a {@code -H} value; null: this machine's daemon). */
    static String runOn(String host, String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        if (host != null) {
            command.add("-H");
            command.add(host);
        }
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    /** {@code sh -c script} inside the container. */
    static String sh(String container, String script) {
        return shOn(null, container, script);
    }

    /** {@code sh -c script} inside a container of the daemon at {@code host} (null: this machine's daemon). */
    static String shOn(String host, String container, String script) {
        return runOn(host, "exec", container, "sh", "-c", script);
    }
}
