package org.mesoslogstash.mesos.http;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.protobuf.InvalidProtocolBufferException;

import org.mesoslogstash.mesos.recordio.RecordIoDecoder;
import org.mesoslogstash.mesos.recordio.RecordIoException;

/**
 * The body of a SUBSCRIBE response, scheduler's or executor's: RecordIO-framed protobuf events, as the
 * HTTP client delivers them, in chunks cut anywhere. Each complete event goes to the sink; the end of
 * the stream (closed by the peer, broken, malformed, or cancelled) is reported exactly once, after the
 * last event.
 *
 * <p>Asks the transport for one chunk at a time, after the previous one is decoded. The sink is not
 * expected to block: events queue up behind a slow listener instead (see the clients).
 *
 * @param <E> the event type ({@code scheduler.Protos.Event} or {@code executor.Protos.Event})
 */
public final class EventStream<E> implements Flow.Subscriber<List<ByteBuffer>> {

    /** Parses one record into an event: {@code Event::parseFrom}. */
    @FunctionalInterface
    public interface Parser<E> {
        E parse(byte[] record) throws InvalidProtocolBufferException;
    }

    public interface Sink<E> {
        void event(E event);

        void ended(String reason);
    }

    private final String peer;
    private final String eventName;
    private final Parser<E> parser;
    private final RecordIoDecoder decoder;
    private final Sink<E> sink;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    /**
     * @param peer      who sends the stream, for messages: "master" or "agent"
     * @param eventName what a record must be, for messages: "scheduler Event"
     */
    public EventStream(String peer, String eventName, Parser<E> parser, int maxEventBytes, Sink<E> sink) {
        this.peer = peer;
        this.eventName = eventName;
        this.parser = parser;
        this.sink = sink;
        this.decoder = new RecordIoDecoder(maxEventBytes, this::record);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cancelled) {
            subscription.cancel();
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        try {
            for (ByteBuffer chunk : chunks) {
                // The decoder wants an array; the transport's buffers may be read-only or direct.
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                decoder.decode(bytes, 0, bytes.length);
            }
        } catch (RecordIoException e) {
            end("malformed RecordIO from the " + peer + ": " + e.getMessage());
            cancel();
            return;
        } catch (MalformedEvent e) {
            end(e.getMessage());
            cancel();
            return;
        }
        if (!cancelled) {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        end("event stream broke: " + failure);
    }

    @Override
    public void onComplete() {
        end(peer + (decoder.isBetweenRecords() ? " closed the event stream" : " closed the event stream in the middle of an event"));
    }

    /** Stops reading and lets the transport close the connection. */
    public void cancel() {
        cancelled = true;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    private void record(byte[] bytes) {
        if (ended.get()) {
            return;
        }
        try {
            sink.event(parser.parse(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedEvent("event of " + bytes.length + " bytes is not a " + eventName + ": " + e.getMessage());
        }
    }

    private void end(String reason) {
        if (ended.compareAndSet(false, true)) {
            sink.ended(reason);
        }
    }

    private static final class MalformedEvent extends RuntimeException {
        MalformedEvent(String message) {
            super(message, null, false, false);
        }
    }
}
