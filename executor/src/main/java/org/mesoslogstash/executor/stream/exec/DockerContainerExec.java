package org.mesoslogstash.executor.stream.exec;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContainerExec} over the Docker exec API: stdin and stdout travel over one hijacked
 * connection per command. Output is handed from docker-java's callback thread to the reader
 * through a {@link BytePipe} of {@code bufferBytes}, so a slow reader stops the connection from
 * being read rather than letting memory grow.
 */
public final class DockerContainerExec implements ContainerExec {

    private static final Logger log = LoggerFactory.getLogger(DockerContainerExec.class);
    private static final int MAX_STDERR_CHARS = 4096;
    private static final java.time.Duration STDIN_DRAIN = java.time.Duration.ofSeconds(1);

    private final DockerClient docker;
    private final long bufferBytes;

    public DockerContainerExec(DockerClient docker, long bufferBytes) {
        this.docker = Objects.requireNonNull(docker, "docker");
        this.bufferBytes = bufferBytes;
    }

    @Override
    public ExecSession start(String containerId, List<String> command) throws ExecException {
        String execId;
        try {
            execId = docker.execCreateCmd(containerId)
                    .withCmd(command.toArray(String[]::new))
                    .withAttachStdin(true)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withTty(false)
                    .exec()
                    .getId();
        } catch (RuntimeException e) {
            throw translate(containerId, "create exec", e);
        }
        BytePipe stdout = new BytePipe(bufferBytes);
        BytePipe stdin = new BytePipe(64 * 1024);
        Session session = new Session(execId, stdout, stdin);
        try {
            docker.execStartCmd(execId).withDetach(false).withTty(false).withStdIn(stdin).exec(session.callback);
        } catch (RuntimeException e) {
            throw translate(containerId, "start exec", e);
        }
        return session;
    }

    @Override
    public boolean isRunning(String containerId) throws ExecException {
        try {
            InspectContainerResponse container = docker.inspectContainerCmd(containerId).exec();
            return Boolean.TRUE.equals(container.getState().getRunning());
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw translate(containerId, "inspect container", e);
        }
    }

    private static ExecException translate(String containerId, String action, RuntimeException e) {
        String what = "cannot " + action + " in container " + containerId + ": " + e.getMessage();
        if (e instanceof NotFoundException) {
            return new ExecException(ExecException.Reason.CONTAINER_NOT_FOUND, containerId, what, e);
        }
        if (e instanceof ConflictException) {
            return new ExecException(ExecException.Reason.CONTAINER_NOT_RUNNING, containerId, what, e);
        }
        if (e instanceof DockerException || e.getCause() instanceof IOException) {
            return new ExecException(ExecException.Reason.DOCKER_FAILED, containerId, what, e);
        }
        throw e;
    }

    private final class Session implements ExecSession {

        private final String execId;
        private final BytePipe stdout;
        private final BytePipe stdin;
        private final StringBuffer stderr = new StringBuffer();
        private final OutputStream input;
        final ResultCallback.Adapter<Frame> callback;

        Session(String execId, BytePipe stdout, BytePipe stdin) {
            this.execId = execId;
            this.stdout = stdout;
            this.stdin = stdin;
            this.input = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    try {
                        if (!stdin.write(java.util.Arrays.copyOfRange(b, off, off + len))) {
                            throw new IOException("exec stdin is closed");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted writing exec stdin");
                    }
                }

                @Override
                public void close() {
                    stdin.end();
                }
            };
            this.callback = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    switch (frame.getStreamType()) {
                        case STDOUT, RAW -> {
                            try {
                                stdout.write(frame.getPayload());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                stdout.fail(e);
                            }
                        }
                        case STDERR -> {
                            if (stderr.length() < MAX_STDERR_CHARS) {
                                stderr.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            }
                        }
                        default -> {
                        }
                    }
                }

                // Once the command's output has ended, Docker closes the connection: nothing more may be
                // handed to the stdin thread, whose write would fail on the closed socket.
                @Override
                public void onError(Throwable throwable) {
                    stdin.abandon();
                    stdout.fail(throwable);
                }

                @Override
                public void onComplete() {
                    stdin.abandon();
                    stdout.end();
                }
            };
        }

        @Override
        public OutputStream input() {
            return input;
        }

        @Override
        public InputStream output() {
            return stdout;
        }

        @Override
        public String errors() {
            return stderr.toString();
        }

        @Override
        public OptionalInt exitCode() throws ExecException {
            try {
                InspectExecResponse exec = docker.inspectExecCmd(execId).exec();
                if (Boolean.TRUE.equals(exec.isRunning()) || exec.getExitCodeLong() == null) {
                    return OptionalInt.empty();
                }
                return OptionalInt.of(exec.getExitCodeLong().intValue());
            } catch (RuntimeException e) {
                throw translate("exec " + execId, "inspect exec", e);
            }
        }

        @Override
        public void close() {
            // Let the stdin thread send what is buffered (a quit byte) and finish before the
            // connection goes, or its last write fails on a closed socket.
            stdin.end();
            try {
                stdin.awaitClosedByReader(STDIN_DRAIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stdout.close();
            try {
                callback.close();
            } catch (IOException e) {
                log.debug("closing exec {} connection: {}", execId, e.toString());
            }
        }
    }
}
