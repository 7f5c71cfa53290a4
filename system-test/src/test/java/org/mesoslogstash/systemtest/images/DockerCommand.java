package org.mesoslogstash.systemtest.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI and this repository's scripts, run from the tests; a non-zero exit is an error with the output. */
final class DockerCommand {

    /** What a command printed (stdout and stderr merged) and its exit code. */
    record Result(int exit, String output) {
    }

    private DockerCommand() {
    }

    /** {@code docker <args>}, which must succeed; its output, stripped. */
    static String docker(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(Arrays.asList(args));
        Result result = run(command, 120);
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exit() + "): " + result.output());
        }
        return result.output().strip();
    }

    /** Names of the containers, running or not, whose name starts with {@code prefix}. */
    static List<String> containersNamed(String prefix) {
        String names = docker("ps", "-a", "--filter", "name=^/" + prefix, "--format", "{{.Names}}");
        return names.isEmpty() ? List.of() : List.of(names.split("\n"));
    }

    /** Removes every container whose name starts with {@code prefix} (what a failed test may leave). */
    static void removeContainersNamed(String prefix) {
        for (String name : containersNamed(prefix)) {
            run(List.of("docker", "rm", "-f", name), 60);
        }
    }

    static Result run(List<String> command, int timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
