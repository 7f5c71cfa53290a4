package org.mesoslogstash.simulator.executor;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Event;
import org.mesoslogstash.config.distribution.AppliedConfiguration;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.config.distribution.InvalidAssignmentException;
import org.mesoslogstash.mesos.executor.ExecutorClient;
import org.mesoslogstash.mesos.executor.ExecutorClientConfig;
import org.mesoslogstash.mesos.executor.ExecutorEnvironment;
import org.mesoslogstash.mesos.executor.ExecutorListener;
import org.mesoslogstash.mesos.executor.HttpExecutorClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the mesos-logstash executor where only the Mesos protocol matters (the benchmark): it
 * speaks the real v1 executor API through commons' {@link HttpExecutorClient} on a virtual thread, but
 * collects nothing. On LAUNCH it reports TASK_RUNNING with the configuration version of the task's
 * {@link CollectorAssignment} (if its data holds one) in {@link AppliedConfiguration} labels; on a
 * framework message holding a newer assignment, TASK_RUNNING again with the new version; older or
 * equal versions are ignored, as the real executor does. KILL and SHUTDOWN: TASK_KILLED, then it ends
 * with 0 once the agent acknowledged (or after 2 s).
 */
public final class SimulatedCollectorExecutor implements InProcessExecutor, ExecutorListener {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCollectorExecutor.class);
    private static final Duration ACKNOWLEDGEMENT_WAIT = Duration.ofSeconds(2);

    private final ExecutorEnvironment environment;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private ExecutorClient client;
    // Written on the client's event thread only.
    private volatile TaskID task;
    private volatile long applied;

    private SimulatedCollectorExecutor(ExecutorEnvironment environment) {
        this.environment = environment;
    }

    /** Starts one with the agent's environment, over the shared {@code http} client. */
    public static SimulatedCollectorExecutor start(Map<String, String> env, HttpClient http) {
        ExecutorEnvironment environment = ExecutorEnvironment.fromEnv(env);
        SimulatedCollectorExecutor executor = new SimulatedCollectorExecutor(environment);
        executor.client = new HttpExecutorClient(environment, http,
                ExecutorClientConfig.defaults(failures -> Duration.ofMillis(Math.min(500, 50L * failures))), InstantSource.system(),
                Thread.ofVirtual().name("executor-" + environment.executorId().getValue()).factory());
        executor.client.start(executor);
        return executor;
    }

    /** The configuration version last reported as applied; 0 before any. */
    public long appliedVersion() {
        return applied;
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    @Override
    public void kill() {
        Thread.ofVirtual().name("kill-" + environment.executorId().getValue()).start(client::close);
        exit.complete(128 + 9);
    }

    // ---- ExecutorListener, on the client's event thread ----

    @Override
    public void subscribed(Event.Subscribed subscribed) {
        LOG.debug("Executor {} subscribed", environment.executorId().getValue());
    }

    @Override
    public void launch(TaskInfo launched) {
        task = launched.getTaskId();
        OptionalLong version = OptionalLong.empty();
        if (!launched.getData().isEmpty()) {
            try {
                version = OptionalLong.of(CollectorAssignment.parse(launched.getData()).version());
            } catch (InvalidAssignmentException e) {
                LOG.warn("Executor {}: task data is not a collector assignment: {}", environment.executorId().getValue(), e.getMessage());
            }
        }
        if (version.isPresent()) {
            applied = version.getAsLong();
        }
        running(version.isPresent() ? AppliedConfiguration.labels(applied) : Labels.getDefaultInstance());
    }

    @Override
    public void message(ByteString data) {
        CollectorAssignment assignment;
        try {
            assignment = CollectorAssignment.parse(data);
        } catch (InvalidAssignmentException e) {
            LOG.warn("Executor {}: framework message ignored: {}", environment.executorId().getValue(), e.getMessage());
            return;
        }
        if (assignment.version() <= applied || task == null) {
            return;
        }
        applied = assignment.version();
        running(AppliedConfiguration.labels(applied));
    }

    @Override
    public void kill(Event.Kill kill) {
        client.update(TaskStatus.newBuilder().setTaskId(kill.getTaskId()).setState(TaskState.TASK_KILLED).build());
        finish(0);
    }

    @Override
    public void shutdown() {
        TaskID current = task;
        if (current != null) {
            client.update(TaskStatus.newBuilder().setTaskId(current).setState(TaskState.TASK_KILLED).build());
        }
        finish(0);
    }

    @Override
    public void error(String message) {
        LOG.warn("Executor {}: error from the agent: {}", environment.executorId().getValue(), message);
    }

    @Override
    public void agentLost(String reason) {
        LOG.warn("Executor {}: agent lost: {}", environment.executorId().getValue(), reason);
        finish(1);
    }

    private void running(Labels labels) {
        client.update(TaskStatus.newBuilder().setTaskId(task).setState(TaskState.TASK_RUNNING).setLabels(labels).build());
    }

    /** Ends off the event thread: the terminal update must be acknowledged first, and that arrives on the event thread. */
    private void finish(int code) {
        Thread.ofVirtual().name("finish-" + environment.executorId().getValue()).start(() -> {
            long deadline = System.nanoTime() + ACKNOWLEDGEMENT_WAIT.toNanos();
            try {
                while (!client.unacknowledgedUpdates().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client.close();
            exit.complete(code);
        });
    }
}
