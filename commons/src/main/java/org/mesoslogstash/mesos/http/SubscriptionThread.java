package org.mesoslogstash.mesos.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns a client's subscription, and the queue of signals it waits on: events
 * and stream ends from {@link EventStream}, and anything else the client posts. Closing posts the
 * client's stop signal, and interrupts the thread only while it waits for a SUBSCRIBE's headers,
 * which can take up to the request timeout; everywhere else the stop signal wakes it.
 *
 * @param <S> the client's signal type; {@code stop} is the instance that means "closed"
 */
public final class SubscriptionThread<S> {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionThread.class);

    private final String owner;
    private final S stop;
    private final BlockingQueue<S> signals = new LinkedBlockingQueue<>();
    private volatile boolean closing;
    private volatile boolean inSubscribeRequest;
    private volatile Thread thread;

    /** @param owner names the client in logs, e.g. "Executor client" */
    public SubscriptionThread(String owner, S stop) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    public void start(ThreadFactory factory, Runnable body) {
        Thread started = factory.newThread(body);
        thread = started;
        started.start();
    }

    public boolean closing() {
        return closing;
    }

    public void signal(S signal) {
        signals.add(signal);
    }

    public S take() throws InterruptedException {
        return signals.take();
    }

    /** The next signal, or null when none came within {@code nanos}. */
    public S poll(long nanos) throws InterruptedException {
        return signals.poll(nanos, TimeUnit.NANOSECONDS);
    }

    /** An event-stream sink that turns the stream's events and its end into signals. */
    public <E> EventStream.Sink<E> signalling(Function<E, S> received, Function<String, S> ended) {
        return new EventStream.Sink<>() {
            @Override
            public void event(E event) {
                signals.add(received.apply(event));
            }

            @Override
            public void ended(String reason) {
                signals.add(ended.apply(reason));
            }
        };
    }

    /** Marks the start ({@code true}) and end of a SUBSCRIBE request, the one wait that {@link #close} interrupts. */
    public void inSubscribeRequest(boolean inRequest) {
        inSubscribeRequest = inRequest;
    }

    /** Waits, returning early (false) only when closed. */
    public boolean pause(Duration delay) throws InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        while (!closing) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return true;
            }
            if (signals.poll(remaining, TimeUnit.NANOSECONDS) == stop) {
                return false;
            }
        }
        return false;
    }

    /** Tells the thread to end, without waiting for it (callable from the thread itself). */
    public void stop() {
        closing = true;
        signals.add(stop);
    }

    /** Tells the thread to end and waits until it did, up to {@code requestTimeout} and 5 seconds. */
    public void close(Duration requestTimeout) {
        stop();
        Thread running = thread;
        if (running == null || running == Thread.currentThread()) {
            return;
        }
        if (inSubscribeRequest) {
            running.interrupt();
        }
        try {
            if (!running.join(requestTimeout.plusSeconds(5))) {
                LOG.warn("{} event thread did not end in time", owner);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
