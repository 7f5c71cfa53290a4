package org.mesoslogstash.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second Docker daemon of the test's own, which a test may stop, kill and restart; the machine's
 * shared daemon must never be touched.
 *
 * <p>It keeps everything under one temporary directory: {@code --data-root}, {@code --exec-root}
 * (where dockerd starts and keeps its own containerd, as no system containerd listens on
 * {@code /run/containerd/containerd.sock} here), {@code --pidfile} and its unix socket. It runs
 * with {@code --bridge=none --iptables=false} inside a network namespace of its own
 * ({@code unshare --net}): a {@code --bridge=none} daemon in the host's namespace deletes the
 * host's {@code docker0} bridge. Containers on it must use {@code --network none}. Needs root.
 *
 * <p>It lives in commons' test-jar so that the executor's tests and the system test share it; it
 * runs the docker command line only, and knows nothing of the executor.
 */
public final class PrivateDockerDaemon implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Path socket;
    private final List<String> options;
    private Process process;
    private int starts;

    private PrivateDockerDaemon(Path dir, List<String> options) {
        this.dir = dir;
        this.socket = dir.resolve("docker.sock");
        this.options = options;
    }

    /** Prepares the directories; {@code name} goes into the directory name, to tell daemons apart. */
    public static PrivateDockerDaemon create(String name) {
        return create(name, List.of());
    }

    /** As {@link #create(String)}, with more dockerd options (such as {@code --live-restore}). */
    public static PrivateDockerDaemon create(String name, List<String> options) {
        try {
            // Short path: containerd's sockets under the exec root must fit a unix socket address.
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "mlt-disc-" + name + "-");
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("exec"));
            return new PrivateDockerDaemon(dir, List.copyOf(options));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a directory for a private Docker daemon", e);
        }
    }

    /** Starts dockerd and returns once it answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the private Docker daemon already runs (pid " + process.pid() + ")");
        }
        List<String> command = new ArrayList<>(List.of("unshare", "--net", "dockerd",
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("docker.pid").toString(),
                "--host", host(),
                "--bridge=none", "--iptables=false", "--ip6tables=false",
                "--cgroup-parent=mlt-disc",
                "--shutdown-timeout=2"));
        command.addAll(options);
        try {
            starts++;
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dockerd.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + String.join(" ", command), e);
        }
        Process started = process;
        await("private dockerd answering on " + host()).atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("dockerd exited with " + started.exitValue() + ":\n" + logTail());
                    }
                    return answers();
                });
    }

    private boolean answers() {
        try {
            docker("version", "--format", "{{.Server.Version}}");
            return true;
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    /** The end of dockerd's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("dockerd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no dockerd log: " + e.getMessage() + ")";
        }
    }

    /** Stops dockerd as an operator's restart would (SIGTERM; it stops its containers and containerd). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted stopping the private Docker daemon", e);
        }
        process = null;
        awaitContainerdGone();
    }

    /**
     * Kills dockerd at once (SIGKILL), as a crash would. Its containerd goes with it (dockerd starts
     * it with a parent-death signal); the containers' shims survive, and whether the containers
     * do is up to the next dockerd.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted killing the private Docker daemon", e);
        }
        process = null;
        // A dockerd started while the old containerd is still dying takes it for alive and times out.
        awaitContainerdGone();
    }

    public synchronized void restart() {
        stop();
        start();
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** The {@code -H} value of this daemon. */
    public String host() {
        return "unix://" + socket;
    }

    /** Runs the docker command line against this daemon; returns its trimmed output; fails on a non-zero exit. */
    public String docker(String... args) {
        return new DockerCommand(host()).run(args);
    }

    /** Copies an image from the shared daemon into this one (no registry is reachable). */
    public void loadImage(String image) {
        DockerCommand.exec(List.of("bash", "-c", "set -o pipefail; docker save " + image + " | docker -H " + host() + " load"));
    }

    /** Removes its containers, stops it, undoes its mounts and deletes its directory. */
    @Override
    public synchronized void close() {
        try {
            if (running()) {
                String containers = docker("ps", "-aq");
                if (!containers.isEmpty()) {
                    List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                    rm.addAll(List.of(containers.split("\\s+")));
                    docker(rm.toArray(String[]::new));
                }
            }
        } finally {
            stop();
            killLeftovers();
            unmountAll();
            deleteDirectory();
        }
    }

    /** Processes still running from this daemon's directory (containerd, shims), found by command line. */
    private List<ProcessHandle> leftovers() {
        String marker = dir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .toList();
    }

    /**
     * Waits until the containerd dockerd started is dead, and removes its pid file: once dockerd is
     * gone, nobody reaps the dead containerd here soon, and a new dockerd takes a zombie's pid for a
     * running containerd and times out waiting for its socket.
     */
    private void awaitContainerdGone() {
        Path pidFile = dir.resolve("exec").resolve("containerd").resolve("containerd.pid");
        try {
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                await("containerd (pid " + pid + ") of " + dir + " dead").atMost(STOP_TIMEOUT)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> deadOrZombie(pid));
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read " + pidFile, e);
        }
    }

    private static boolean deadOrZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // pid (comm) state ...; comm may contain spaces, so read after the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return true;
        }
    }

    private void killLeftovers() {
        for (ProcessHandle leftover : leftovers()) {
            leftover.destroyForcibly();
        }
        await().atMost(STOP_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> leftovers().isEmpty());
    }

    private void unmountAll() {
        try {
            List<String> mountPoints = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(line -> line.split(" ")[1])
                    .filter(point -> point.startsWith(dir.toString()))
                    .sorted(Comparator.comparing(String::length).reversed())
                    .toList();
            for (String point : mountPoints) {
                DockerCommand.exec(List.of("umount", "-l", point));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/mounts to clean up " + dir, e);
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + dir + " (daemon started " + starts + " time(s))", e);
        }
    }
}
