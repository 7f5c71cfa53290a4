package org.mesoslogstash.simulator.master;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.mesoslogstash.simulator.http.RecordIoStream;

/** A framework as the master knows it. Confined to the {@link Master}'s lock. */
final class Framework {

    /** The scheduler's current event stream. */
    record Subscription(String streamId, RecordIoStream<Event> stream) {
    }

    /** Resources of one agent the framework refused until a time. */
    record Filter(ScalarResources refused, Instant until) {
    }

    final FrameworkID id;
    FrameworkInfo info;
    Subscription subscription;
    Instant disconnectedAt;
    boolean suppressed;
    final Map<String, Filter> filters = new HashMap<>();

    Framework(FrameworkID id, FrameworkInfo info) {
        this.id = id;
        this.info = info;
    }

    boolean connected() {
        return subscription != null && subscription.stream().isOpen();
    }

    boolean partitionAware() {
        return info.getCapabilitiesList().stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.PARTITION_AWARE);
    }

    Duration failoverTimeout() {
        return Duration.ofMillis((long) (info.getFailoverTimeout() * 1000));
    }

    String role() {
        return info.hasRole() ? info.getRole() : info.getRolesCount() > 0 ? info.getRoles(0) : "*";
    }

    /** Sends an event if the scheduler is connected; events for a disconnected scheduler are lost, as in Mesos. */
    void send(Event event) {
        if (subscription != null) {
            subscription.stream().send(event);
        }
    }

    boolean filtered(String agentId, ScalarResources available, Instant now) {
        Filter filter = filters.get(agentId);
        if (filter == null) {
            return false;
        }
        if (!now.isBefore(filter.until())) {
            filters.remove(agentId);
            return false;
        }
        return filter.refused().contains(available);
    }
}
