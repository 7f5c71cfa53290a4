package org.mesoslogstash.onemachine.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/mesos-logstash} run as a user runs it, a child of the test, its terminal output in a
 * file. {@link #stop()} is what Ctrl-C or {@code kill} does: SIGTERM to the script.
 */
final class OneMachineRun implements AutoCloseable {

    static final String READY_LINE = "Ctrl-C stops everything.";
    private static final Pattern PASSWORD = Pattern.compile("user admin, password ([0-9a-f]+)");

    private final Process process;
    private final Path output;

    private OneMachineRun(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts the script (found from the module directory, the tests' working directory) with these options. */
    static OneMachineRun start(List<String> options, Path output) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of("..", "bin", "mesos-logstash").toAbsolutePath().normalize().toString());
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        return new OneMachineRun(process, output);
    }

    /** Runs the script to its end (for options it refuses); its exit code. */
    static int runToEnd(List<String> options, Path output) throws IOException, InterruptedException {
        try (OneMachineRun run = start(options, output)) {
            if (!run.process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("bin/mesos-logstash " + options + " did not end; see " + output);
            }
            return run.process.exitValue();
        }
    }

    /** Waits for the banner; fails early if the script ends. */
    OneMachineRun awaitUp(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("bin/mesos-logstash ended with " + process.exitValue() + ":\n" + output());
            }
            return output().contains(READY_LINE);
        });
        return this;
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    String adminPassword() throws IOException {
        Matcher matcher = PASSWORD.matcher(output());
        if (!matcher.find()) {
            throw new IllegalStateException("no admin password in the banner:\n" + output());
        }
        return matcher.group(1);
    }

    /** Every process the run started, transitively (the JVM, the scheduler, the executor, the store). */
    List<ProcessHandle> descendants() {
        return process.toHandle().descendants().toList();
    }

    /** SIGTERM to the script, as Ctrl-C; returns its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("bin/mesos-logstash did not stop within 2 minutes of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            List<ProcessHandle> children = descendants();
            process.destroy();
            try {
                process.waitFor(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
