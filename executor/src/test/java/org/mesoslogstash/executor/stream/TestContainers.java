package org.mesoslogstash.executor.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.mesoslogstash.executor.testsupport.TestImages;

/** Starts and removes the throw-away containers of the stream integration tests, via the docker CLI. */
public final class TestContainers implements AutoCloseable {

    public static final String PREFIX = "mlt-strm-";
    public static final String NO_SHELL_IMAGE = "mlt-strm-noshell:latest";

    private final List<String> started = new ArrayList<>();

    /** A busybox container that runs {@code script} with sh; returns its full id. */
    public String busyboxRunning(String script) {
        String id = run("docker", "run", "-d", "--network", "none", "--name", PREFIX + UUID.randomUUID().toString().substring(0, 8),
                "--label", "mlt-strm=test", TestImages.busybox(), "sh", "-c", script).strip();
        started.add(id);
        return id;
    }

    /** A busybox container that sleeps; returns its full id. */
    public String busybox(String... extraRunOptions) {
        List<String> command = new ArrayList<>(List.of("docker", "run", "-d", "--network", "none",
                "--name", PREFIX + UUID.randomUUID().toString().substring(0, 8), "--label", "mlt-strm=test"));
        command.addAll(List.of(extraRunOptions));
        command.addAll(List.of(TestImages.busybox(), "sleep", "3600"));
        String id = run(command.toArray(String[]::new)).strip();
        started.add(id);
        return id;
    }

    /** A container whose image holds a single static binary and no shell at all. */
    public String withoutShell() {
        synchronized (TestContainers.class) {
            if (run("docker", "images", "-q", NO_SHELL_IMAGE).isBlank()) {
                String donor = busybox();
                run("sh", "-c", "docker cp " + donor + ":/bin/busybox - | docker import -c 'ENTRYPOINT [\"/busybox\"]' - " + NO_SHELL_IMAGE);
            }
        }
        String id = run("docker", "run", "-d", "--network", "none", "--name", PREFIX + UUID.randomUUID().toString().substring(0, 8),
                "--label", "mlt-strm=test", NO_SHELL_IMAGE, "sleep", "3600").strip();
        started.add(id);
        return id;
    }

    /** Runs a shell command in the container as root and returns its stdout. */
    public static String sh(String containerId, String script) {
        return run("docker", "exec", "-u", "0", containerId, "sh", "-c", script);
    }

    public static long inode(String containerId, String path) {
        return Long.parseLong(sh(containerId, "stat -c %i " + path).strip());
    }

    /** The command lines of the processes running in the container, as {@code docker top} lists them. */
    public static List<String> processes(String containerId) {
        return run("docker", "top", containerId, "-o", "pid,args").lines().skip(1).toList();
    }

    public static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            if (code != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + code + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    @Override
    public void close() {
        for (String id : started) {
            try {
                new ProcessBuilder("docker", "rm", "-f", "-v", id).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            } catch (IOException e) {
                throw new IllegalStateException("cannot remove container " + id, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        started.clear();
    }
}
