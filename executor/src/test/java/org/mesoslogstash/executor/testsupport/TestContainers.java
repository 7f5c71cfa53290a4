package org.mesoslogstash.executor.testsupport;

import org.mesoslogstash.testsupport.DockerCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Throw-away containers for integration tests, started through the docker command line on the
 * local daemon and removed (with their volumes) on {@link #close()}. Names start with a prefix per
 * test class, so a leftover is easy to trace; every container runs without a network, because tests
 * need none and the default bridge is not always usable on these machines.
 */
public final class TestContainers implements AutoCloseable {

    /** An image holding one static binary at /busybox and no shell at all. */
    public static final String NO_SHELL_IMAGE = "mesos-logstash-test/no-shell:latest";

    private final DockerCommand docker = DockerCommand.local();
    private final String prefix;
    private final List<String> started = new ArrayList<>();

    public TestContainers(String prefix) {
        this.prefix = prefix;
    }

    /** Starts a busybox container running {@code command} (sleeping for an hour if none); returns its full id. */
    public synchronized String start(List<String> runOptions, String... command) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--network", "none", "--name", newName()));
        args.addAll(runOptions);
        args.add(TestImages.busybox());
        args.addAll(command.length == 0 ? List.of("sleep", "3600") : List.of(command));
        String id = docker.run(args.toArray(String[]::new));
        started.add(id);
        return id;
    }

    /** A busybox container that runs {@code script} with sh. */
    public String busyboxRunning(String script) {
        return start(List.of(), "sh", "-c", script);
    }

    /** A busybox container that sleeps. */
    public String busybox(String... runOptions) {
        return start(List.of(runOptions));
    }

    /** A container whose image has no shell (and so no {@code sh -c}), running {@code busybox sleep}. */
    public synchronized String withoutShell() {
        synchronized (TestContainers.class) {
            if (docker.run("images", "-q", NO_SHELL_IMAGE).isBlank()) {
                String donor = busybox();
                DockerCommand.shell("docker cp " + donor + ":/bin/busybox - | docker import -c 'ENTRYPOINT [\"/busybox\"]' - " + NO_SHELL_IMAGE);
            }
        }
        String id = docker.run("run", "-d", "--network", "none", "--name", newName(), NO_SHELL_IMAGE, "sleep", "3600");
        started.add(id);
        return id;
    }

    /** Runs a shell script in the container as root; returns its standard output. */
    public static String sh(String containerId, String script) {
        return DockerCommand.local().run("exec", "-u", "0", containerId, "sh", "-c", script);
    }

    public static long inode(String containerId, String path) {
        return Long.parseLong(sh(containerId, "stat -c %i " + path).strip());
    }

    /** The command lines of the processes running in the container, as {@code docker top} lists them. */
    public static List<String> processes(String containerId) {
        return DockerCommand.local().run("top", containerId, "-o", "pid,args").lines().skip(1).toList();
    }

    private String newName() {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public synchronized void close() {
        for (String id : started) {
            try {
                docker.run("rm", "-f", "-v", id);
            } catch (IllegalStateException e) {
                System.err.println("could not remove test container " + id + ": " + e.getMessage());
            }
        }
        started.clear();
    }
}
