package org.mesoslogstash.executor.stream.exec;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@link ContainerExec} over the Docker exec API: stdin and stdout travel over one hijacked
 * connection per command. The reader reads Docker's multiplexed frames straight off the
 * connection ({@link MultiplexedFrames}), in reads as big as its buffer: no callback thread, no
 * copy, and a reader that stops reading stops the command inside the container through TCP
 * back-pressure. docker-java's own exec start is not used because it cuts output into 1 KiB frames.
 * Stdin goes through a {@link BytePipe} that docker-java's hijacking thread drains.
 */
public final class DockerContainerExec implements ContainerExec {

    private static final int MAX_STDERR_CHARS = 4096;
    private static final java.time.Duration STDIN_DRAIN = java.time.Duration.ofSeconds(1);

    private final DockerClient docker;
    private final DockerHttpClient http;

    /** @param docker a client made by {@code DockerClients.connect}: its HTTP client starts the execs */
    public DockerContainerExec(DockerClient docker) {
        this.docker = Objects.requireNonNull(docker, "docker");
        if (!(docker instanceof DockerClientImpl impl)) {
            throw new IllegalArgumentException("need the DockerClientImpl of DockerClients.connect, not " + docker.getClass().getName());
        }
        this.http = impl.getHttpClient();
    }

    @Override
    public ExecSession start(String containerId, List<String> command, boolean attachStdin) throws ExecException {
        String execId;
        try {
            execId = docker.execCreateCmd(containerId)
                    .withCmd(command.toArray(String[]::new))
                    .withAttachStdin(attachStdin)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withTty(false)
                    .exec()
                    .getId();
        } catch (RuntimeException e) {
            throw translate(containerId, "create exec", e);
        }
        Session session = new Session(containerId, execId, new BytePipe(64 * 1024), attachStdin);
        session.connect();
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
        if (e instanceof java.util.concurrent.CancellationException || Thread.currentThread().isInterrupted()) {
            // The HTTP client turns an interrupt (a stop) into this: not a bug, and not worth a retry.
            return new ExecException(ExecException.Reason.DOCKER_FAILED, containerId, "interrupted: " + what, e);
        }
        if (e instanceof DockerException || e.getCause() instanceof IOException) {
            return new ExecException(ExecException.Reason.DOCKER_FAILED, containerId, what, e);
        }
        throw e;
    }

    private final class Session implements ExecSession {

        private final String containerId;
        private final String execId;
        private final BytePipe stdin;
        private final StringBuffer stderr = new StringBuffer();
        private final OutputStream input;
        private volatile DockerHttpClient.Response response;
        private MultiplexedFrames frames;
        private final InputStream output = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                try {
                    while (frames.remaining() == 0) {
                        int type = frames.nextFrame();
                        if (type < 0) {
                            // Docker closes the connection once the output ended: the stdin thread must not write again.
                            stdin.abandon();
                            return -1;
                        }
                        if (type == MultiplexedFrames.STDERR) {
                            byte[] text = frames.readFrame();
                            if (stderr.length() < MAX_STDERR_CHARS) {
                                stderr.append(new String(text, StandardCharsets.UTF_8));
                            }
                        }
                    }
                    return frames.read(buffer, offset, length);
                } catch (IOException e) {
                    stdin.abandon();
                    throw e;
                }
            }

            @Override
            public void close() {
                Session.this.close();
            }
        };

        private final boolean attachStdin;

        Session(String containerId, String execId, BytePipe stdin, boolean attachStdin) {
            this.containerId = containerId;
            this.execId = execId;
            this.stdin = stdin;
            this.attachStdin = attachStdin;
            if (!attachStdin) {
                stdin.abandon();
            }
            this.input = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    try {
                        if (!stdin.write(b, off, len)) {
                            throw new IOException("exec stdin is closed");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted writing exec stdin");
                    }
                }

                @Override
                public void close() {
                    stdin.end();
                }
            };
        }

        void connect() throws ExecException {
            DockerHttpClient.Request.Builder builder = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST)
                    .path("/exec/" + execId + "/start")
                    .putHeader("content-type", "application/json")
                    .bodyBytes("{\"Detach\":false,\"Tty\":false}".getBytes(StandardCharsets.UTF_8));
            if (attachStdin) {
                builder.hijackedInput(stdin);
            }
            DockerHttpClient.Request request = builder.build();
            DockerHttpClient.Response started;
            try {
                started = http.execute(request);
            } catch (RuntimeException e) {
                stdin.abandon();
                throw new ExecException(ExecException.Reason.DOCKER_FAILED, containerId, "cannot start exec in container " + containerId + ": " + e.getMessage(), e);
            }
            int status = started.getStatusCode();
            if (status != 101 && status != 200) {
                String body = body(started);
                started.close();
                stdin.abandon();
                ExecException.Reason reason = status == 404 ? ExecException.Reason.CONTAINER_NOT_FOUND
                        : status == 409 ? ExecException.Reason.CONTAINER_NOT_RUNNING : ExecException.Reason.DOCKER_FAILED;
                throw new ExecException(reason, containerId, "Docker answered " + status + " to starting exec in container " + containerId + ": " + body, null);
            }
            response = started;
            frames = new MultiplexedFrames(started.getBody());
        }

        @Override
        public OutputStream input() {
            return input;
        }

        @Override
        public InputStream output() {
            return output;
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
                throw translate(containerId, "inspect exec", e);
            }
        }

        @Override
        public void close() {
            // Let the stdin thread send what is buffered (a quit byte) and finish before the
            // connection goes, or its last write fails on a closed socket.
            if (attachStdin) {
                stdin.end();
                try {
                    stdin.awaitClosedByReader(STDIN_DRAIN);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            DockerHttpClient.Response current = response;
            if (current != null) {
                current.close();
            }
        }
    }

    private static String body(DockerHttpClient.Response response) {
        try (InputStream in = response.getBody()) {
            return new String(in.readNBytes(1000), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(body unreadable: " + e.getMessage() + ")";
        }
    }
}
