package org.mesoslogstash.mesos.executor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.executor.Protos.Event;

/** Writes down every callback as one line, in order, for assertions. */
class RecordingExecutorListener implements ExecutorListener {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Event.Subscribed> subscriptions = new CopyOnWriteArrayList<>();
    volatile Thread callbackThread;

    private void record(String event) {
        callbackThread = Thread.currentThread();
        events.add(event);
    }

    long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }

    @Override
    public void subscribed(Event.Subscribed subscribed) {
        subscriptions.add(subscribed);
        record("subscribed " + subscribed.getAgentInfo().getId().getValue());
    }

    @Override
    public void launch(TaskInfo task) {
        record("launch " + task.getTaskId().getValue());
    }

    @Override
    public void kill(Event.Kill kill) {
        record("kill " + kill.getTaskId().getValue());
    }

    @Override
    public void acknowledged(TaskID taskId, ByteString uuid) {
        record("acknowledged " + taskId.getValue());
    }

    @Override
    public void message(ByteString data) {
        record("message " + data.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void shutdown() {
        record("shutdown");
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
    public void agentLost(String reason) {
        record("agentLost " + reason);
    }
}
