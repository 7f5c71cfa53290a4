package org.mesoslogstash.simulator.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The agent's status update manager: per task, updates are sent to the master one at a time, in
 * order, and the first is sent again every retry interval until the scheduler acknowledges its uuid;
 * only then comes the next. Confined to the agent's thread.
 */
final class StatusUpdateQueues {

    private record Pending(FrameworkID frameworkId, Deque<TaskStatus> updates, Instant[] sentAt) {
    }

    private final Map<String, Pending> queues = new LinkedHashMap<>();
    /** Written on the agent's thread, read by the retry timer so that idle agents cost nothing. */
    private volatile int waiting;
    private final BiConsumer<FrameworkID, TaskStatus> forward;
    private final Duration retry;

    StatusUpdateQueues(BiConsumer<FrameworkID, TaskStatus> forward, Duration retry) {
        this.forward = forward;
        this.retry = retry;
    }

    /** Whether an update with this uuid is waiting already (an executor re-sending it after re-subscribing). */
    boolean contains(FrameworkID frameworkId, TaskStatus status) {
        Pending pending = queues.get(key(frameworkId, status.getTaskId().getValue()));
        return pending != null && pending.updates().stream().anyMatch(u -> u.getUuid().equals(status.getUuid()));
    }

    void add(FrameworkID frameworkId, TaskStatus status, Instant now, boolean connected) {
        Pending pending = queues.computeIfAbsent(key(frameworkId, status.getTaskId().getValue()),
                k -> new Pending(frameworkId, new ArrayDeque<>(), new Instant[1]));
        pending.updates().add(status);
        waiting++;
        if (pending.updates().size() == 1 && connected) {
            send(pending, now);
        }
    }

    /** The scheduler acknowledged this uuid: if it is the update in flight, the next one goes. */
    boolean acknowledge(FrameworkID frameworkId, String taskId, ByteString uuid, Instant now, boolean connected) {
        String key = key(frameworkId, taskId);
        Pending pending = queues.get(key);
        if (pending == null || !pending.updates().peek().getUuid().equals(uuid)) {
            return false;
        }
        pending.updates().poll();
        waiting--;
        if (pending.updates().isEmpty()) {
            queues.remove(key);
        } else if (connected) {
            send(pending, now);
        }
        return true;
    }

    /** Sends again each update in flight that was sent at least a retry interval ago (all of them if {@code force}). */
    void retry(Instant now, boolean force) {
        for (Pending pending : queues.values()) {
            Instant sent = pending.sentAt()[0];
            if (force || sent == null || !now.isBefore(sent.plus(retry))) {
                send(pending, now);
            }
        }
    }

    void dropFramework(FrameworkID frameworkId) {
        queues.values().removeIf(p -> p.frameworkId().equals(frameworkId));
        waiting = pending();
    }

    int pending() {
        return queues.values().stream().mapToInt(p -> p.updates().size()).sum();
    }

    /** Whether any update waits for an acknowledgement; readable from any thread. */
    boolean anyWaiting() {
        return waiting > 0;
    }

    private void send(Pending pending, Instant now) {
        pending.sentAt()[0] = now;
        forward.accept(pending.frameworkId(), pending.updates().peek());
    }

    private static String key(FrameworkID frameworkId, String taskId) {
        return frameworkId.getValue() + "/" + taskId;
    }
}
