package org.mesoslogstash.executor.discovery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records notifications per container, thread-safely, for integration tests; ignores other containers' by filter. */
final class RecordingContainerListener implements ContainerListener {

    private final Map<String, List<String>> heard = new ConcurrentHashMap<>();
    private final Map<String, ContainerInfo> infos = new ConcurrentHashMap<>();
    private final Map<String, Long> startedAtNanos = new ConcurrentHashMap<>();

    @Override
    public void started(ContainerInfo container) {
        infos.put(container.id(), container);
        startedAtNanos.put(container.id(), System.nanoTime());
        of(container.id()).add("started");
    }

    @Override
    public void stopped(String containerId) {
        of(containerId).add("stopped");
    }

    @Override
    public void removed(String containerId) {
        of(containerId).add("removed");
    }

    List<String> heard(String containerId) {
        return List.copyOf(of(containerId));
    }

    ContainerInfo info(String containerId) {
        return infos.get(containerId);
    }

    /** {@link System#nanoTime()} when the container was last reported started, or null. */
    Long startedAtNanos(String containerId) {
        return startedAtNanos.get(containerId);
    }

    private List<String> of(String containerId) {
        return heard.computeIfAbsent(containerId, id -> new CopyOnWriteArrayList<>());
    }
}
