package org.mesoslogstash.simulator.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.mesoslogstash.simulator.DockerSettings;

/**
 * The docker CLI as the Docker containerizer uses it: {@code docker -H <socket> <command>}. Each call
 * runs the CLI and waits for it (a minute at most); {@link #run} starts {@code docker run} attached, its
 * output going to the sandbox's stdout and stderr files as Mesos does for executors.
 */
final class DockerCli implements DockerContainerProcess.Containers {

    /** A docker command failed; the message has its output. */
    static final class DockerException extends Exception {
        private static final long serialVersionUID = 1L;

        DockerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(1);

    private final String socket;

    DockerCli(DockerSettings settings) {
        this.socket = settings.socket();
    }

    /** Whether the image is present locally: the simulator never pulls (no registry is assumed reachable). */
    boolean imagePresent(String image) throws DockerException {
        Result result = call(List.of("image", "inspect", "--format", "{{.Id}}", image));
        return result.exit() == 0;
    }

    Process run(List<String> argv, Path stdout, Path stderr) throws IOException {
        return new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
    }

    /** {@code docker stop -t <timeout>}: SIGTERM, then SIGKILL after the timeout. */
    @Override
    public void stop(String name, Duration timeout) throws DockerException {
        check(call(List.of("stop", "-t", Long.toString(timeout.toSeconds()), name)), "stop");
    }

    /** {@code docker rm -f}: SIGKILL if it runs, then removed; a container that is already gone is fine. */
    @Override
    public void remove(String name) throws DockerException {
        Result result = call(List.of("rm", "-f", name));
        // Gone already, or being removed by the other path (the exit and a kill can race): both are what was asked.
        if (result.exit() != 0 && !result.output().contains("No such container") && !result.output().contains("already in progress")) {
            check(result, "rm");
        }
    }

    private record Result(int exit, String output, String command) {
    }

    private Result call(List<String> args) throws DockerException {
        List<String> argv = new ArrayList<>(List.of("docker", "-H", socket));
        argv.addAll(args);
        String command = String.join(" ", argv);
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new DockerException("'" + command + "' did not finish within " + COMMAND_TIMEOUT, null);
            }
            return new Result(process.exitValue(), output, command);
        } catch (IOException e) {
            throw new DockerException("'" + command + "' could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerException("interrupted: '" + command + "'", e);
        }
    }

    private static void check(Result result, String what) throws DockerException {
        if (result.exit() != 0) {
            throw new DockerException("'" + result.command() + "' failed (" + result.exit() + "): " + result.output(), null);
        }
    }
}
