package org.mesoslogstash.simulator;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Event;
import org.mesoslogstash.mesos.executor.ExecutorClient;
import org.mesoslogstash.mesos.executor.ExecutorClientConfig;
import org.mesoslogstash.mesos.executor.ExecutorEnvironment;
import org.mesoslogstash.mesos.executor.ExecutorListener;
import org.mesoslogstash.mesos.executor.HttpExecutorClient;
import org.mesoslogstash.mesos.http.MesosHttpClient;

/**
 * A tiny executor over commons' HttpExecutorClient, run by the simulator's agents as a real process:
 * prints its MESOS_* environment to stdout, answers LAUNCH with TASK_RUNNING, echoes framework
 * messages back, and on KILL or SHUTDOWN sends TASK_KILLED and exits 0.
 */
public final class TestExecutorMain {

    private TestExecutorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> mesos = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("MESOS_")) {
                mesos.put(k, v);
            }
        });
        mesos.forEach((k, v) -> System.out.println(k + "=" + v));
        System.out.flush();
        ExecutorEnvironment environment = ExecutorEnvironment.fromEnv(System.getenv());
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<TaskInfo> task = new AtomicReference<>();
        ExecutorClient client = new HttpExecutorClient(environment, MesosHttpClient.create(Duration.ofSeconds(2)),
                ExecutorClientConfig.defaults(failures -> Duration.ofMillis(Math.min(500, 50L * failures))),
                InstantSource.system(), Thread.ofPlatform().name("executor-events").factory());
        AtomicReference<ExecutorClient> self = new AtomicReference<>(client);
        client.start(new ExecutorListener() {
            @Override
            public void subscribed(Event.Subscribed subscribed) {
                System.out.println("subscribed to " + subscribed.getAgentInfo().getId().getValue());
            }

            @Override
            public void launch(TaskInfo launched) {
                task.set(launched);
                self.get().update(TaskStatus.newBuilder().setTaskId(launched.getTaskId()).setState(TaskState.TASK_RUNNING).build());
            }

            @Override
            public void kill(Event.Kill kill) {
                self.get().update(TaskStatus.newBuilder().setTaskId(kill.getTaskId()).setState(TaskState.TASK_KILLED).build());
                done.countDown();
            }

            @Override
            public void message(ByteString data) {
                self.get().message(ByteString.copyFromUtf8("echo " + data.toStringUtf8()));
            }

            @Override
            public void shutdown() {
                TaskInfo current = task.get();
                if (current != null) {
                    self.get().update(TaskStatus.newBuilder().setTaskId(current.getTaskId()).setState(TaskState.TASK_KILLED).build());
                }
                done.countDown();
            }

            @Override
            public void error(String message) {
                System.err.println("error from agent: " + message);
            }

            @Override
            public void agentLost(String reason) {
                System.err.println("agent lost: " + reason);
                done.countDown();
            }
        });
        done.await();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!client.unacknowledgedUpdates().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20); // lets the agent acknowledge the terminal update before the process ends
        }
        client.close();
        System.exit(0);
    }
}
