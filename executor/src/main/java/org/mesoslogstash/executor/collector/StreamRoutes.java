package org.mesoslogstash.executor.collector;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mesoslogstash.executor.delivery.EventPublisher;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Routing;
import org.mesoslogstash.executor.event.StreamKey;

/**
 * The routing in force for each stream, and the publisher that stamps it on every event at the
 * moment the stream hands the event over. The {@link Collector} sets a stream's routing before it
 * starts the stream and whenever new rules change it; a running stream is never restarted for that.
 *
 * <p>So an event carries the routing that was in force when its line was read, and keeps it: events
 * already handed over (waiting in the delivery pipeline, or sent and not yet acknowledged) are not
 * re-stamped when the routing changes. A stream that the rules no longer name keeps its last routing
 * here, so the few lines it hands over while it stops still go where they were wanted.
 *
 * <p>Thread-safe: streams read concurrently with the collector's writes.
 */
final class StreamRoutes {

    private final Map<StreamKey, Routing> routes = new ConcurrentHashMap<>();
    /**
     * One instance per distinct routing, shared by every stream that has it: encoders cache per
     * instance. Few distinct routings exist (combinations of rules), so this stays small.
     */
    private final Map<Routing, Routing> interned = new ConcurrentHashMap<>();

    /** The routing of {@code key}; {@link Routing#NONE} if none was set. */
    Routing get(StreamKey key) {
        return routes.getOrDefault(key, Routing.NONE);
    }

    /**
     * Sets the routing of {@code key}, as the one shared instance of that routing.
     *
     * @return the routing now in force
     */
    Routing set(StreamKey key, Routing routing) {
        Routing canonical = interned.computeIfAbsent(routing, r -> r);
        routes.put(key, canonical);
        return canonical;
    }

    void forgetContainer(String containerId) {
        routes.keySet().removeIf(key -> key.containerId().equals(containerId));
    }

    /** A publisher that stamps each event with its stream's routing and hands it to {@code next}. */
    EventPublisher stamping(EventPublisher next) {
        return event -> next.publish(stamp(event));
    }

    LogEvent stamp(LogEvent event) {
        Routing routing = routes.get(event.stream());
        return routing == null ? event : event.withRouting(routing);
    }
}
