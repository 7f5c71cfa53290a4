package org.mesoslogstash.onemachine.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What was started, to be stopped in the reverse order: the executor (through Mesos) before the
 * scheduler, the scheduler before Mesos, Mesos before the store and ZooKeeper. Each part is stopped
 * even if an earlier one failed to stop (that failure is logged with the part's name); stopping
 * happens once, whether Ctrl-C, SIGTERM or a failure at start asks for it.
 */
public final class Shutdown {

    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private record Part(String name, AutoCloseable part) {
    }

    private final Deque<Part> parts = new ArrayDeque<>();
    private boolean done;

    /** Adds a started part; returns it. */
    public synchronized <T extends AutoCloseable> T started(String name, T part) {
        if (done) {
            throw new IllegalStateException(name + " started after the shutdown");
        }
        parts.push(new Part(name, part));
        return part;
    }

    /** Stops every part, the last started first. */
    public synchronized void run() {
        if (done) {
            return;
        }
        done = true;
        while (!parts.isEmpty()) {
            Part part = parts.pop();
            try {
                part.part().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.error("Interrupted while stopping {}", part.name(), e);
            } catch (Exception e) {
                LOG.error("Stopping {} failed", part.name(), e);
            }
        }
    }
}
