package org.mesoslogstash.simulator.agent;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An executor in a Docker container seen as a {@link Process}, so that the agent treats it as any
 * executor: it is the attached {@code docker run}, whose exit code is the container's (137 when
 * killed). {@link #destroy()} is {@code docker stop -t <stop timeout>}; {@link #destroyForcibly()},
 * what the agent does once an executor's grace period is over, is {@code docker rm -f}: killed and
 * removed at once (Mesos' default stop timeout is 0 s, so it kills too). A container that ends by
 * itself is removed once {@code docker run} has returned (Mesos removes it after
 * {@code --docker_remove_delay}, 6 hours by default). Its {@link #toHandle()} is
 * the {@code docker run} client's, which lives as long as the container.
 */
final class DockerContainerProcess extends Process {

    /** What it asks of Docker about its container. */
    interface Containers {
        /** SIGTERM, then SIGKILL after the timeout. */
        void stop(String name, Duration timeout) throws DockerCli.DockerException;

        /** SIGKILL if it runs, then removed; one already gone is fine. */
        void remove(String name) throws DockerCli.DockerException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DockerContainerProcess.class);

    private final Process client;
    private final Containers docker;
    private final String name;
    private final Duration stopTimeout;
    private final CompletableFuture<Process> exited;

    DockerContainerProcess(Process client, Containers docker, String name, Duration stopTimeout) {
        this.client = client;
        this.docker = docker;
        this.name = name;
        this.stopTimeout = stopTimeout;
        // Removed before anyone hears of the exit, so that a test that saw the executor end finds no container.
        this.exited = client.onExit().thenApply(p -> {
            remove();
            return this;
        });
    }

    String containerName() {
        return name;
    }

    @Override
    public void destroy() {
        try {
            docker.stop(name, stopTimeout);
        } catch (DockerCli.DockerException e) {
            LOG.warn("container {}: docker stop failed ({}); removing it by force", name, e.getMessage());
            destroyForcibly();
        }
    }

    @Override
    public Process destroyForcibly() {
        remove(); // rm -f: SIGKILL, then gone, so that nothing is left even if the simulator stops right after
        return this;
    }

    private void remove() {
        try {
            docker.remove(name);
        } catch (DockerCli.DockerException e) {
            LOG.warn("container {} not removed: {}", name, e.getMessage());
        }
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exited;
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            exited.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return client.exitValue();
    }

    @Override
    public int exitValue() {
        return client.exitValue();
    }

    @Override
    public boolean isAlive() {
        return client.isAlive();
    }

    @Override
    public long pid() {
        return client.pid();
    }

    @Override
    public ProcessHandle toHandle() {
        return client.toHandle();
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return Stream.empty(); // the executor's processes are the container's: docker kill takes them all
    }

    @Override
    public Stream<ProcessHandle> children() {
        return Stream.empty();
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return InputStream.nullInputStream();
    }
}
