package org.mesoslogstash.executor.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mesoslogstash.executor.delivery.EventPublisher;
import org.mesoslogstash.executor.event.LogEvent;

/** Keeps every published event, for tests. */
public final class CollectingPublisher implements EventPublisher {

    private final List<LogEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LogEvent event) {
        events.add(event);
    }

    public List<LogEvent> events() {
        return events;
    }

    public List<String> lines() {
        return events.stream().map(e -> new String(e.line(), StandardCharsets.UTF_8)).toList();
    }
}
