package org.mesoslogstash.executor.stream.console;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.mesoslogstash.executor.delivery.EventPublisher;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.stream.StreamFailure;
import org.mesoslogstash.executor.stream.StreamFailure.Kind;
import org.mesoslogstash.executor.stream.StreamReader;
import org.mesoslogstash.executor.stream.StreamRun;
import org.mesoslogstash.executor.stream.exec.ExecException;

/**
 * Follows a container's stdout or stderr through Docker's logs and publishes each message as a
 * line stamped with Docker's timestamp.
 *
 * <p>Resuming: Docker can only be asked for messages from a timestamp on, and several messages may
 * share one. Each event's {@code resumeAfter} is {@link Position.InConsole}(timestamp, how many
 * messages with that timestamp have been read up to and including this one); a run resuming there
 * asks Docker for messages from that timestamp and skips that many of them: none lost, none repeated.
 *
 * <p>Long lines: a message longer than {@code maxLineBytes} travels in flagged parts. Docker itself
 * cuts lines longer than 16 KiB into several messages ending without a newline; those are passed
 * on as flagged parts of one line too. Only a complete message moves the resume position: the parts
 * of an incomplete one carry the position before it, so after a restart the message is read again.
 * A run that resumes in the middle of such a Docker-cut line starts with the next piece of it, which
 * then is not marked as a continuation.
 */
public final class ConsoleStream implements StreamReader {

    /** What the parts of the very first message resume from: nothing to skip before it. */
    private static final Position.InConsole BEFORE_EVERYTHING = new Position.InConsole(Instant.EPOCH, 1);

    private final ConsoleLogs logs;
    private final EventPublisher publisher;
    private final int maxLineBytes;

    public ConsoleStream(ConsoleLogs logs, EventPublisher publisher, int maxLineBytes) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be >= 1, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public void read(StreamRun run) throws StreamFailure, InterruptedException {
        if (!run.key().isConsole()) {
            throw new IllegalArgumentException("ConsoleStream reads stdout or stderr, not " + run.key());
        }
        Position.InConsole from = null;
        if (run.resumeFrom().isPresent()) {
            if (!(run.resumeFrom().get() instanceof Position.InConsole console)) {
                throw new IllegalArgumentException("a console stream resumes from a console position, not " + run.resumeFrom().get());
            }
            from = console;
        }
        ConsoleLogs.Messages messages;
        try {
            messages = logs.follow(run.key().containerId(), run.key().source(), from == null ? Instant.EPOCH : from.timestamp());
        } catch (ExecException e) {
            throw new StreamFailure(e.reason() == ExecException.Reason.DOCKER_FAILED ? Kind.DOCKER : Kind.CONTAINER_GONE, e.getMessage(), e);
        }
        run.markRunning();
        Follow follow = new Follow(run, from);
        try (messages) {
            byte[] message;
            while ((message = messages.next()) != null) {
                follow.accept(ConsoleMessageParser.parse(message));
            }
        } catch (IOException e) {
            if (run.stopRequested() || Thread.currentThread().isInterrupted()) {
                return;
            }
            throw new StreamFailure(Kind.DOCKER, "reading the " + run.key().source() + " of container " + run.key().containerId()
                    + " failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StreamFailure(Kind.STREAM_BROKEN, e.getMessage(), e);
        }
        if (run.stopRequested()) {
            return;
        }
        throw new StreamFailure(Kind.CONTAINER_GONE, "the " + run.key().source() + " of container " + run.key().containerId()
                + " ended: the container stopped");
    }

    /** Skipping what was read before, counting messages per timestamp, and cutting long lines. */
    private final class Follow {

        private final StreamRun run;
        private final Position.InConsole from;
        private long toSkip;
        private Instant lastTimestamp;
        private long seenAtLast;
        private Position.InConsole complete;
        private int partIndex;

        Follow(StreamRun run, Position.InConsole from) {
            this.run = run;
            this.from = from;
            this.toSkip = from == null ? 0 : from.seenAtTimestamp();
            this.complete = from;
            if (from != null) {
                lastTimestamp = from.timestamp();
                seenAtLast = from.seenAtTimestamp();
            }
        }

        void accept(ConsoleMessageParser.ConsoleMessage message) throws InterruptedException {
            if (from != null) {
                int order = message.timestamp().compareTo(from.timestamp());
                if (order < 0) {
                    return;
                }
                if (order == 0 && toSkip > 0) {
                    toSkip--;
                    return;
                }
            }
            if (message.timestamp().equals(lastTimestamp)) {
                seenAtLast++;
            } else {
                lastTimestamp = message.timestamp();
                seenAtLast = 1;
            }
            Position.InConsole after = new Position.InConsole(lastTimestamp, seenAtLast);
            byte[] line = message.line();
            // Parts of a long line: all but the line's last part resume from before the line.
            Position.InConsole before = complete != null ? complete : BEFORE_EVERYTHING;
            for (int start = 0; start < line.length || (start == 0 && line.length == 0); start += maxLineBytes) {
                int end = Math.min(line.length, start + maxLineBytes);
                boolean lastPart = end == line.length && !message.partial();
                boolean whole = lastPart && partIndex == 0;
                LogEvent.Split split = whole ? null : new LogEvent.Split(partIndex, lastPart);
                byte[] bytes = start == 0 && end == line.length ? line : Arrays.copyOfRange(line, start, end);
                // A Docker-cut piece is a complete message: once read it need not be read again.
                Position resume = lastPart || (end == line.length && message.partial()) ? after : before;
                LogEvent event = new LogEvent(run.key(), run.generation(), run.source(), message.timestamp(), bytes, -1, split, resume);
                publisher.publish(event);
                run.published(event);
                partIndex = lastPart ? 0 : partIndex + 1;
                if (line.length == 0) {
                    break;
                }
            }
            complete = after;
        }
    }
}
