package org.mesoslogstash.mesos.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.mesoslogstash.mesos.http.MesosException;

/** Writes down every callback as a line of text, and the threads it was called on. */
final class RecordingListener implements SchedulerListener {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<MesosException> subscribeFailures = new CopyOnWriteArrayList<>();
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    private void record(String line) {
        threads.add(Thread.currentThread());
        events.add(line);
    }

    long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }

    @Override
    public void subscribed(FrameworkID frameworkId, Duration heartbeatInterval, MasterInfo master) {
        record("subscribed " + frameworkId.getValue());
    }

    @Override
    public void offers(List<Offer> offers) {
        record("offers " + offers.stream().map(o -> o.getId().getValue()).toList());
    }

    @Override
    public void rescind(OfferID offerId) {
        record("rescind " + offerId.getValue());
    }

    @Override
    public void update(TaskStatus status) {
        record("update " + status.getTaskId().getValue() + " " + status.getState());
    }

    @Override
    public void message(Event.Message message) {
        record("message " + message.getData().toStringUtf8());
    }

    @Override
    public void failure(Event.Failure failure) {
        record("failure " + failure.getAgentId().getValue());
    }

    @Override
    public void error(String message) {
        record("error " + message);
    }

    @Override
    public void disconnected(String reason) {
        record("disconnected " + reason);
    }

    @Override
    public void subscribeFailed(MesosException cause) {
        subscribeFailures.add(cause);
    }
}
