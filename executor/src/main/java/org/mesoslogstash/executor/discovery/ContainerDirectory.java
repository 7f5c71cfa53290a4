package org.mesoslogstash.executor.discovery;

import java.io.Closeable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Docker daemon as discovery needs it: what containers exist, what one of them is, and a
 * stream of what happens to them. Production code has one implementation,
 * {@link DockerContainerDirectory}; tests drive {@link ContainerDiscovery} through a fake.
 *
 * <p>Every method may throw {@link ContainerDirectoryException} when the daemon cannot answer; a
 * failure never looks like "no containers".
 */
public interface ContainerDirectory {

    /** Every container the daemon knows, running or not. */
    List<ContainerStatus> list();

    /** The container, or empty when the daemon does not know it (any more). */
    Optional<ContainerInstance> inspect(String containerId);

    /**
     * Starts delivering container events to {@code handler}; returns once the stream is open, so
     * that any event after the return is delivered. The handler is called from a thread of the
     * directory, one call at a time; after {@link ContainerEventHandler#failed} or
     * {@link ContainerEventHandler#closed} nothing more is delivered. Closing the returned handle
     * ends the stream (the handler may still be told {@code closed} or {@code failed}).
     */
    Subscription subscribe(ContainerEventHandler handler);

    /** An open event stream; closing it never throws. */
    interface Subscription extends Closeable {
        @Override
        void close();
    }

    /** One line of {@code docker ps -a}: enough to decide whether to inspect. */
    record ContainerStatus(String id, boolean running) {
        public ContainerStatus {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * One container as inspected.
     *
     * @param startedAt when the current (or last) run began; a different value for a running
     *                  container means it restarted in between
     */
    record ContainerInstance(ContainerInfo info, boolean running, Instant startedAt) {
        public ContainerInstance {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(startedAt, "startedAt");
        }
    }

    /** What a container did, as Docker reports it. */
    record ContainerEvent(Type type, String containerId) {
        public enum Type { START, DIE, DESTROY }

        public ContainerEvent {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(containerId, "containerId");
        }
    }
}
