package org.mesoslogstash.scheduler.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.mesoslogstash.scheduler.framework.FrameworkIdStore;
import org.mesoslogstash.scheduler.framework.StateStoreException;
import org.mesoslogstash.scheduler.task.TaskStore;

/** The scheduler's state in memory, with a switch to make writes fail like an unreachable ZooKeeper. */
public final class InMemoryStores {

    public final Map<String, String> tasks = new HashMap<>();
    public Optional<FrameworkID> frameworkId = Optional.empty();
    public volatile boolean failWrites;

    public FrameworkIdStore frameworkIds() {
        return new FrameworkIdStore() {
            @Override
            public synchronized Optional<FrameworkID> load() {
                return frameworkId;
            }

            @Override
            public synchronized void store(FrameworkID id) {
                check("framework-id");
                frameworkId = Optional.of(id);
            }

            @Override
            public synchronized void clear() {
                check("framework-id");
                frameworkId = Optional.empty();
            }
        };
    }

    public TaskStore taskStore() {
        return new TaskStore() {
            @Override
            public synchronized Map<String, String> load() {
                return Map.copyOf(tasks);
            }

            @Override
            public synchronized void put(String agentId, String taskId) {
                check("tasks/" + agentId);
                tasks.put(agentId, taskId);
            }

            @Override
            public synchronized void remove(String agentId) {
                check("tasks/" + agentId);
                tasks.remove(agentId);
            }
        };
    }

    private void check(String node) {
        if (failWrites) {
            throw new StateStoreException("write", "test node " + node, new java.io.IOException("ZooKeeper unreachable (test)"));
        }
    }
}
