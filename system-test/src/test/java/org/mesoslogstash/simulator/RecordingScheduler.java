package org.mesoslogstash.simulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.mesoslogstash.mesos.scheduler.SchedulerClient;
import org.mesoslogstash.mesos.scheduler.SchedulerListener;

/** A scheduler that records what it hears and acknowledges every update that carries a uuid. */
final class RecordingScheduler implements SchedulerListener {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Offer> offers = new CopyOnWriteArrayList<>();
    final List<OfferID> rescinded = new CopyOnWriteArrayList<>();
    final List<TaskStatus> updates = new CopyOnWriteArrayList<>();
    final List<Event.Message> messages = new CopyOnWriteArrayList<>();
    final List<Event.Failure> failures = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final List<MasterInfo> masters = new CopyOnWriteArrayList<>();
    final AtomicReference<SchedulerClient> client = new AtomicReference<>();
    volatile boolean acknowledge = true;

    @Override
    public void subscribed(FrameworkID frameworkId, Duration heartbeatInterval, MasterInfo master) {
        masters.add(master);
        events.add("subscribed " + frameworkId.getValue());
    }

    @Override
    public void offers(List<Offer> offers) {
        this.offers.addAll(offers);
        events.add("offers " + offers.size());
    }

    @Override
    public void rescind(OfferID offerId) {
        rescinded.add(offerId);
        events.add("rescind " + offerId.getValue());
    }

    @Override
    public void update(TaskStatus status) {
        updates.add(status);
        events.add("update " + status.getTaskId().getValue() + " " + status.getState());
        if (acknowledge && status.hasUuid()) {
            client.get().acknowledge(status.getAgentId(), status.getTaskId(), status.getUuid());
        }
    }

    @Override
    public void message(Event.Message message) {
        messages.add(message);
    }

    @Override
    public void failure(Event.Failure failure) {
        failures.add(failure);
        events.add("failure");
    }

    @Override
    public void error(String message) {
        errors.add(message);
    }

    @Override
    public void disconnected(String reason) {
        events.add("disconnected " + reason);
    }

    long subscriptions() {
        return events.stream().filter(e -> e.startsWith("subscribed")).count();
    }

    List<TaskStatus> updatesIn(TaskState state) {
        return updates.stream().filter(s -> s.getState() == state).toList();
    }

    /** The latest offer of each agent that has not been used or rescinded since, as far as this scheduler can tell. */
    Offer latestOfferFor(String agentId) {
        List<Offer> ofAgent = offers.stream().filter(o -> o.getAgentId().getValue().equals(agentId)).toList();
        return ofAgent.get(ofAgent.size() - 1);
    }
}
