package org.mesoslogstash.executor.discovery;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Docker daemon, through docker-java, as a {@link ContainerDirectory}. Every failure to reach
 * the daemon becomes a {@link ContainerDirectoryException} naming the call; only "no such
 * container" becomes an empty answer.
 */
public final class DockerContainerDirectory implements ContainerDirectory {

    /** How long {@link #subscribe} waits for the daemon to open the event stream. */
    static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(30);

    private final DockerClient docker;

    public DockerContainerDirectory(DockerClient docker) {
        this.docker = Objects.requireNonNull(docker, "docker");
    }

    @Override
    public List<ContainerStatus> list() {
        try {
            return docker.listContainersCmd().withShowAll(true).exec().stream()
                    .map(container -> new ContainerStatus(container.getId(), "running".equals(container.getState())))
                    .toList();
        } catch (RuntimeException e) {
            throw new ContainerDirectoryException("listing containers", e);
        }
    }

    @Override
    public Optional<ContainerInstance> inspect(String containerId) {
        InspectContainerResponse response;
        try {
            response = docker.inspectContainerCmd(containerId).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new ContainerDirectoryException("inspecting container " + containerId, e);
        }
        return Optional.of(instance(response));
    }

    static ContainerInstance instance(InspectContainerResponse response) {
        ContainerConfig config = response.getConfig();
        String name = response.getName() == null ? "" : response.getName();
        ContainerInfo info = new ContainerInfo(
                response.getId(),
                name.startsWith("/") ? name.substring(1) : name,
                config == null || config.getImage() == null ? "" : config.getImage(),
                config == null || config.getLabels() == null ? Map.of() : config.getLabels(),
                config == null ? Map.of() : environment(config.getEnv()));
        InspectContainerResponse.ContainerState state = response.getState();
        boolean running = state != null && Boolean.TRUE.equals(state.getRunning());
        return new ContainerInstance(info, running, startedAt(state == null ? null : state.getStartedAt()));
    }

    /** {@code NAME=value} entries; entries without {@code =} (which Docker passes on unset) are left out. */
    static Map<String, String> environment(String[] env) {
        Map<String, String> variables = new HashMap<>();
        if (env != null) {
            for (String entry : env) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    variables.putIfAbsent(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
        }
        return variables;
    }

    private static Instant startedAt(String text) {
        if (text == null || text.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            // Docker writes RFC 3339 with nanoseconds; anything else is a daemon we do not know.
            throw new ContainerDirectoryException("reading the start time '" + text + "'", e);
        }
    }

    @Override
    public Subscription subscribe(ContainerEventHandler handler) {
        Objects.requireNonNull(handler, "handler");
        EventCallback callback = new EventCallback(handler);
        try {
            docker.eventsCmd()
                    .withEventTypeFilter(EventType.CONTAINER)
                    .withEventFilter("start", "die", "destroy")
                    .exec(callback);
        } catch (RuntimeException e) {
            throw new ContainerDirectoryException("subscribing to container events", e);
        }
        callback.awaitOpen();
        return callback::close;
    }

    /** Turns docker-java's callback into the handler's, and lets {@link #subscribe} wait until the stream is open. */
    private static final class EventCallback implements ResultCallback<Event> {

        private final ContainerEventHandler handler;
        private final CountDownLatch openOrFailed = new CountDownLatch(1);
        private final AtomicReference<Closeable> stream = new AtomicReference<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile boolean closedByUs;

        EventCallback(ContainerEventHandler handler) {
            this.handler = handler;
        }

        void awaitOpen() {
            try {
                if (!openOrFailed.await(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    close();
                    throw new ContainerDirectoryException("subscribing to container events",
                            new IOException("the daemon did not open the event stream within " + SUBSCRIBE_TIMEOUT));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new ContainerDirectoryException("subscribing to container events", e);
            }
            Throwable cause = failure.get();
            if (cause != null) {
                throw new ContainerDirectoryException("subscribing to container events", cause);
            }
        }

        @Override
        public void onStart(Closeable closeable) {
            stream.set(closeable);
            if (closedByUs) {
                closeQuietly(closeable);
            }
            openOrFailed.countDown();
        }

        @Override
        public void onNext(Event event) {
            ContainerDirectory.ContainerEvent.Type type = switch (event.getAction() == null ? String.valueOf(event.getStatus()) : event.getAction()) {
                case "start" -> ContainerDirectory.ContainerEvent.Type.START;
                case "die" -> ContainerDirectory.ContainerEvent.Type.DIE;
                case "destroy" -> ContainerDirectory.ContainerEvent.Type.DESTROY;
                default -> null;
            };
            if (type != null && event.getId() != null && !ended.get()) {
                handler.event(new ContainerDirectory.ContainerEvent(type, event.getId()));
            }
        }

        @Override
        public void onError(Throwable cause) {
            failure.compareAndSet(null, cause);
            openOrFailed.countDown();
            if (ended.compareAndSet(false, true)) {
                handler.failed(cause);
            }
        }

        @Override
        public void onComplete() {
            openOrFailed.countDown();
            if (ended.compareAndSet(false, true)) {
                handler.closed();
            }
        }

        @Override
        public void close() {
            closedByUs = true;
            Closeable open = stream.get();
            if (open != null) {
                closeQuietly(open);
            }
        }

        private static void closeQuietly(Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                // Closing a stream we no longer read; the handler hears of the end through onError/onComplete.
            }
        }
    }
}
