package org.mesoslogstash.executor.discovery;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Docker daemon in memory. Changing a container ({@link #run}, {@link #stop}, {@link #remove})
 * sends the event to the subscriber unless told to miss it; {@link #goDown()} makes every call
 * fail and breaks the stream, as a daemon restart does.
 */
final class FakeContainerDirectory implements ContainerDirectory {

    private final Map<String, ContainerInstance> containers = new LinkedHashMap<>();
    private ContainerEventHandler handler;
    private boolean down;
    private Instant time = Instant.parse("2026-01-01T00:00:00Z");
    private RuntimeException nextInspectFailure;
    int subscriptions;
    int lists;
    final List<String> calls = new ArrayList<>();

    static ContainerInfo info(String id) {
        return new ContainerInfo(id, "name-" + id, "busybox", Map.of(), Map.of());
    }

    // ---- what happens to containers ----

    void run(String id) {
        run(id, true);
    }

    void run(String id, boolean sendEvent) {
        ContainerInfo info = containers.containsKey(id) ? containers.get(id).info() : info(id);
        time = time.plus(Duration.ofSeconds(1));
        containers.put(id, new ContainerInstance(info, true, time));
        if (sendEvent) {
            send(ContainerEvent.Type.START, id);
        }
    }

    void stop(String id) {
        stop(id, true);
    }

    void stop(String id, boolean sendEvent) {
        ContainerInstance instance = containers.get(id);
        containers.put(id, new ContainerInstance(instance.info(), false, instance.startedAt()));
        if (sendEvent) {
            send(ContainerEvent.Type.DIE, id);
        }
    }

    void remove(String id) {
        remove(id, true);
    }

    void remove(String id, boolean sendEvent) {
        containers.remove(id);
        if (sendEvent) {
            send(ContainerEvent.Type.DESTROY, id);
        }
    }

    void send(ContainerEvent.Type type, String id) {
        if (handler != null) {
            handler.event(new ContainerEvent(type, id));
        }
    }

    /** The daemon stops answering; the open stream breaks. */
    void goDown() {
        down = true;
        ContainerEventHandler broken = handler;
        handler = null;
        if (broken != null) {
            broken.failed(new IOException("connection reset"));
        }
    }

    void comeUp() {
        down = false;
    }

    /** The daemon ends the stream cleanly but keeps answering. */
    void endStream() {
        ContainerEventHandler ended = handler;
        handler = null;
        ended.closed();
    }

    /** The next inspect throws this, as a bug in the client would. */
    void failNextInspect(RuntimeException failure) {
        nextInspectFailure = failure;
    }

    boolean subscribed() {
        return handler != null;
    }

    // ---- ContainerDirectory ----

    @Override
    public List<ContainerStatus> list() {
        calls.add("list");
        failIfDown("listing containers");
        lists++;
        return containers.values().stream().map(c -> new ContainerStatus(c.info().id(), c.running())).toList();
    }

    @Override
    public Optional<ContainerInstance> inspect(String containerId) {
        calls.add("inspect " + containerId);
        failIfDown("inspecting " + containerId);
        if (nextInspectFailure != null) {
            RuntimeException failure = nextInspectFailure;
            nextInspectFailure = null;
            throw failure;
        }
        return Optional.ofNullable(containers.get(containerId));
    }

    @Override
    public Subscription subscribe(ContainerEventHandler subscriber) {
        calls.add("subscribe");
        failIfDown("subscribing");
        subscriptions++;
        handler = subscriber;
        return () -> {
            if (handler == subscriber) {
                handler = null;
            }
        };
    }

    private void failIfDown(String action) {
        if (down) {
            throw new ContainerDirectoryException(action, new IOException("connection refused"));
        }
    }
}
