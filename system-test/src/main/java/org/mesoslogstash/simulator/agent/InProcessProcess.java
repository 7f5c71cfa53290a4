package org.mesoslogstash.simulator.agent;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.mesoslogstash.simulator.executor.InProcessExecutor;

/**
 * An in-process executor seen as a {@link Process}, so that the agent treats it exactly as a real one:
 * it exits (its exit code), it can be killed, it has no children. It has no pid: {@link #pid()} is -1.
 */
final class InProcessProcess extends Process {

    private final InProcessExecutor executor;
    private final CompletableFuture<Process> exited;
    private final Handle handle = new Handle();

    InProcessProcess(InProcessExecutor executor) {
        this.executor = executor;
        this.exited = executor.exit().thenApply(code -> this);
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

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return executor.exit().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("in-process executor failed", e.getCause());
        }
    }

    @Override
    public int exitValue() {
        Integer code = executor.exit().getNow(null);
        if (code == null) {
            throw new IllegalThreadStateException("in-process executor has not exited");
        }
        return code;
    }

    @Override
    public void destroy() {
        executor.kill();
    }

    @Override
    public Process destroyForcibly() {
        executor.kill();
        return this;
    }

    @Override
    public boolean isAlive() {
        return !executor.exit().isDone();
    }

    @Override
    public long pid() {
        return -1;
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exited;
    }

    @Override
    public ProcessHandle toHandle() {
        return handle;
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return Stream.empty();
    }

    @Override
    public Stream<ProcessHandle> children() {
        return Stream.empty();
    }

    /** What tests see of it through {@code ExecutorView.process()}. */
    private final class Handle implements ProcessHandle {
        @Override
        public long pid() {
            return -1;
        }

        @Override
        public Optional<ProcessHandle> parent() {
            return Optional.of(ProcessHandle.current());
        }

        @Override
        public Stream<ProcessHandle> children() {
            return Stream.empty();
        }

        @Override
        public Stream<ProcessHandle> descendants() {
            return Stream.empty();
        }

        @Override
        public Info info() {
            return ProcessHandle.current().info();
        }

        @Override
        public CompletableFuture<ProcessHandle> onExit() {
            return executor.exit().thenApply(code -> this);
        }

        @Override
        public boolean supportsNormalTermination() {
            return false;
        }

        @Override
        public boolean destroy() {
            executor.kill();
            return true;
        }

        @Override
        public boolean destroyForcibly() {
            executor.kill();
            return true;
        }

        @Override
        public boolean isAlive() {
            return InProcessProcess.this.isAlive();
        }

        @Override
        public int compareTo(ProcessHandle other) {
            return Long.compare(pid(), other.pid());
        }
    }
}
