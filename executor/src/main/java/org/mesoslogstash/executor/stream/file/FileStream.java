package org.mesoslogstash.executor.stream.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import org.mesoslogstash.executor.delivery.EventPublisher;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.stream.StreamFailure;
import org.mesoslogstash.executor.stream.StreamFailure.Kind;
import org.mesoslogstash.executor.stream.StreamReader;
import org.mesoslogstash.executor.stream.StreamRun;
import org.mesoslogstash.executor.stream.exec.ContainerExec;
import org.mesoslogstash.executor.stream.exec.ExecException;
import org.mesoslogstash.executor.stream.exec.ExecSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one file inside a container through the {@link FollowerScript follower} and publishes
 * its lines. Each event's {@code resumeAfter} is the inode and the offset just after the line, so
 * a run started from a checkpoint continues exactly there; a file rotated (renamed and recreated)
 * is read to its end before the new one is read from 0, and a truncated file is read again from 0.
 *
 * <p>Whatever way a run ends, the follower ends too: a watchdog exec beside it, fed heartbeats on
 * its stdin, kills it when told to quit, when its connection closes or when heartbeats stop, and
 * the follower exits by itself when the watchdog's signals stop. Nothing is left running in the
 * container.
 */
public final class FileStream implements StreamReader {

    private static final Logger log = LoggerFactory.getLogger(FileStream.class);
    private static final byte[] HEARTBEAT = {'h'};
    private static final byte[] QUIT = {'q'};

    private final ContainerExec exec;
    private final EventPublisher publisher;
    private final Clock clock;
    private final FileStreamSettings settings;

    public FileStream(ContainerExec exec, EventPublisher publisher, Clock clock, FileStreamSettings settings) {
        this.exec = Objects.requireNonNull(exec, "exec");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void read(StreamRun run) throws StreamFailure, InterruptedException {
        String containerId = run.key().containerId();
        String path = run.key().source();
        if (run.key().isConsole()) {
            throw new IllegalArgumentException("FileStream reads files, not " + run.key());
        }
        long inode = 0;
        long offset = 0;
        if (run.resumeFrom().isPresent()) {
            if (!(run.resumeFrom().get() instanceof Position.InFile(long fileInode, long fileOffset))) {
                throw new IllegalArgumentException("a file stream resumes from a file position, not " + run.resumeFrom().get());
            }
            inode = fileInode;
            offset = fileOffset;
        }
        ExecSession session;
        try {
            session = exec.start(containerId, FollowerScript.command(path, inode, offset, settings), false);
        } catch (ExecException e) {
            throw failure(e);
        }
        Follow follow = new Follow(run);
        try {
            follow.pump(session.output());
            if (run.stopRequested()) {
                return;
            }
            throw follow.ended(session);
        } catch (InterruptedIOException | InterruptedException e) {
            if (run.stopRequested()) {
                return;
            }
            throw new InterruptedException("interrupted reading " + run.key());
        } catch (IOException e) {
            if (run.stopRequested()) {
                return;
            }
            throw follow.broken(session, e);
        } finally {
            boolean interrupted = Thread.interrupted();
            follow.stopWatchdog();
            session.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void beat(OutputStream input) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                input.write(HEARTBEAT);
                input.flush();
                Thread.sleep(settings.heartbeat());
            }
        } catch (IOException | InterruptedException e) {
            // The session is closing: the follower sees heartbeats stop, which is the point.
        }
    }

    private static StreamFailure failure(ExecException e) {
        return switch (e.reason()) {
            case CONTAINER_NOT_FOUND, CONTAINER_NOT_RUNNING -> new StreamFailure(Kind.CONTAINER_GONE, e.getMessage(), e);
            case DOCKER_FAILED -> new StreamFailure(Kind.DOCKER, e.getMessage(), e);
        };
    }

    /** The state of one follower session: decoder, framer, and which file the bytes belong to. */
    private final class Follow implements FollowerProtocolDecoder.Handler, LineFramer.LineSink {

        private final StreamRun run;
        private final FollowerProtocolDecoder decoder = new FollowerProtocolDecoder(this);
        private final LineFramer framer = new LineFramer(settings.maxLineBytes(), this);
        private boolean started;
        private long inode;
        private int lastDataLength;
        private Instant readAt;
        private StreamFailure terminal;
        private volatile ExecSession watchdog;
        private volatile Thread heartbeat;
        private boolean closing;

        Follow(StreamRun run) {
            this.run = run;
        }

        /**
         * The follower runs: start the watchdog that keeps it alive while this collector is. It is
         * started on the heartbeat thread, so that reading does not wait for a second exec; a
         * follower whose watchdog cannot start stops itself for want of heartbeats, and the stream
         * is retried.
         */
        private void startWatchdog(long pid) {
            heartbeat = Thread.ofVirtual().name("heartbeat " + run.key()).start(() -> {
                ExecSession session;
                try {
                    session = exec.start(run.key().containerId(), FollowerScript.watchdogCommand(pid, settings), true);
                } catch (ExecException e) {
                    log.warn("{}: cannot start the follower's watchdog ({}); the follower will stop itself", run.key(), e.getMessage());
                    return;
                }
                synchronized (this) {
                    if (!closing) {
                        watchdog = session;
                    }
                }
                if (watchdog != session) {
                    quit(session);
                    return;
                }
                beat(session.input());
            });
        }

        /** Tells the watchdog to kill the follower, and closes it. */
        void stopWatchdog() {
            ExecSession session;
            synchronized (this) {
                closing = true;
                session = watchdog;
            }
            if (session != null) {
                heartbeat.interrupt();
                quit(session);
            }
        }

        private static void quit(ExecSession session) {
            try {
                session.input().write(QUIT);
                session.input().flush();
            } catch (IOException e) {
                // Closed already: the watchdog sees its stdin end, which kills the follower too.
            }
            session.close();
        }

        void pump(InputStream output) throws IOException, InterruptedException {
            // Hundreds of streams each hold one buffer; a read returns at most what one Docker frame
            // carries, so a larger buffer would only cost memory.
            byte[] buffer = new byte[64 * 1024];
            int n;
            while (terminal == null && (n = output.read(buffer)) >= 0) {
                readAt = clock.instant();
                try {
                    decoder.feed(buffer, 0, n);
                } catch (FollowerProtocolException e) {
                    if (!started) {
                        // Docker writes its own complaint (no sh in the container...) where the follower would have.
                        String text = new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8).strip();
                        throw new NotStarted(text);
                    }
                    throw e;
                }
            }
        }

        StreamFailure ended(ExecSession session) throws InterruptedException {
            if (terminal != null) {
                return terminal;
            }
            return broken(session, null);
        }

        StreamFailure broken(ExecSession session, IOException cause) throws InterruptedException {
            String containerId = run.key().containerId();
            // When a container dies, its execs' output ends a moment before Docker reports it stopped.
            for (int attempt = 0; attempt < 10; attempt++) {
                try {
                    if (!exec.isRunning(containerId)) {
                        return new StreamFailure(Kind.CONTAINER_GONE, "container " + containerId + " is not running", cause);
                    }
                } catch (ExecException e) {
                    return failure(e);
                }
                Thread.sleep(100);
            }
            OptionalInt exit = exitCode(session);
            String said = (cause instanceof NotStarted ns ? ns.getMessage() + " " : "") + session.errors().strip();
            if (!started && (exit.orElse(0) == 126 || exit.orElse(0) == 127
                    || said.contains("executable file not found") || said.contains("no such file or directory"))) {
                return new StreamFailure(Kind.UNSUPPORTED_CONTAINER,
                        "cannot run the follower (sh) in container " + containerId + ": " + (said.isEmpty() ? "exit code " + exit.getAsInt() : said), cause);
            }
            String how = cause == null ? "ended" : "broke (" + cause.getMessage() + ")";
            return new StreamFailure(Kind.STREAM_BROKEN, "the follower of " + run.key().source() + " " + how
                    + (exit.isPresent() ? ", exit code " + exit.getAsInt() : "") + (said.isEmpty() ? "" : ": " + said), cause);
        }

        private OptionalInt exitCode(ExecSession session) throws InterruptedException {
            // The exit code shows up in Docker a moment after the output ends.
            for (int attempt = 0; attempt < 20; attempt++) {
                try {
                    OptionalInt code = session.exitCode();
                    if (code.isPresent()) {
                        return code;
                    }
                } catch (ExecException e) {
                    return OptionalInt.empty();
                }
                Thread.sleep(50);
            }
            return OptionalInt.empty();
        }

        @Override
        public void record(FollowerRecord record) throws InterruptedException {
            switch (record) {
                case FollowerRecord.Started s -> {
                    started = true;
                    startWatchdog(s.pid());
                    run.markRunning();
                }
                case FollowerRecord.Opened o -> {
                    inode = o.inode();
                    framer.reset(o.offset());
                    log.info("{}: following inode {} from offset {}", run.key(), o.inode(), o.offset());
                }
                case FollowerRecord.SizeSeen s -> run.fileSizeSeen(s.size());
                case FollowerRecord.Data d -> lastDataLength = d.length();
                case FollowerRecord.ShortRead s -> framer.dropLast(lastDataLength - s.valid());
                case FollowerRecord.Truncated t -> {
                    framer.flushPending();
                    log.info("{}: truncated to {} bytes at offset {}; reading it again from 0", run.key(), t.size(), framer.offset());
                }
                case FollowerRecord.Rotated r -> {
                    framer.flushPending();
                    log.info("{}: inode {} read to its end at offset {}; following the new file (inode {})",
                            run.key(), inode, framer.offset(), r.newInode());
                }
                case FollowerRecord.Warning w -> log.warn("{}: {}", run.key(), w.message());
                case FollowerRecord.Missing m -> terminal = new StreamFailure(Kind.FILE_MISSING,
                        run.key().source() + " does not exist in container " + run.key().containerId());
                case FollowerRecord.Failed f -> terminal = new StreamFailure(
                        f.reason().startsWith("the container has no") ? Kind.UNSUPPORTED_CONTAINER
                                : f.reason().startsWith("permission denied") ? Kind.FILE_UNREADABLE : Kind.STREAM_BROKEN,
                        f.reason());
            }
        }

        @Override
        public void data(byte[] buffer, int offset, int length) throws InterruptedException {
            framer.accept(buffer, offset, length);
        }

        @Override
        public void line(byte[] line, long offset, LogEvent.Split split, long offsetAfter) throws InterruptedException {
            LogEvent event = new LogEvent(run.key(), run.generation(), run.source(), readAt, line, offset, split,
                    new Position.InFile(inode, offsetAfter));
            publisher.publish(event);
            run.published(event);
        }
    }

    /** Output that is not the follower protocol, before the follower said it started. */
    private static final class NotStarted extends IOException {
        NotStarted(String text) {
            super(text);
        }
    }
}
