package org.mesoslogstash.mesos.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.mesos.http.MesosCallException;
import org.mesoslogstash.mesos.http.MesosHttpClient;
import org.mesoslogstash.mesos.http.NotSubscribedException;
import org.mesoslogstash.mesos.testsupport.FakeMesosAgent;
import org.mockito.InOrder;

class HttpExecutorClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeMesosAgent agent;
    private HttpExecutorClient client;
    private final RecordingExecutorListener listener = new RecordingExecutorListener();

    @BeforeEach
    void startAgent() throws Exception {
        agent = FakeMesosAgent.start("fw-1", "logstash-executor");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        agent.close();
    }

    private HttpExecutorClient start(Map<String, String> env) {
        return start(env, listener);
    }

    private HttpExecutorClient start(Map<String, String> env, ExecutorListener listener) {
        ExecutorClientConfig config = new ExecutorClientConfig(Duration.ofSeconds(5), 1024 * 1024,
                failures -> Duration.ofMillis(50L * failures));
        client = new HttpExecutorClient(ExecutorEnvironment.fromEnv(env), MesosHttpClient.create(Duration.ofSeconds(2)),
                config, InstantSource.system(), Thread.ofVirtual().name("executor-events").factory());
        client.start(listener);
        return client;
    }

    private HttpExecutorClient startCheckpointing() {
        return start(agent.executorEnvironment("20secs", "200ms"));
    }

    private void awaitSubscriptions(int count) {
        await().atMost(WAIT).until(() -> listener.count("subscribed") == count);
    }

    private static TaskStatus running(String taskId) {
        return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId)).setState(TaskState.TASK_RUNNING).build();
    }

    @Test
    void subscribesWithItsIdsAndHearsSubscribed() {
        startCheckpointing();

        awaitSubscriptions(1);
        Call.Subscribe subscribe = agent.subscriptions().getFirst();
        assertThat(subscribe.getUnacknowledgedUpdatesCount()).isZero();
        assertThat(subscribe.getUnacknowledgedTasksCount()).isZero();
        assertThat(listener.subscriptions.getFirst().getExecutorInfo().getExecutorId().getValue()).isEqualTo("logstash-executor");
        assertThat(agent.requests().getFirst().call().getFrameworkId().getValue()).isEqualTo("fw-1");
    }

    @Test
    void launchThenUpdateIsAcknowledgedAndForgotten() {
        startCheckpointing();
        awaitSubscriptions(1);

        agent.launch("task-1");
        await().atMost(WAIT).until(() -> listener.events.contains("launch task-1"));
        assertThat(client.unacknowledgedTasks()).extracting(t -> t.getTaskId().getValue()).containsExactly("task-1");
        TaskStatus sent = client.update(running("task-1"));

        await().atMost(WAIT).until(() -> listener.events.contains("acknowledged task-1"));
        TaskStatus received = agent.updates().getFirst();
        assertThat(received).isEqualTo(sent);
        assertThat(received.getUuid().size()).isEqualTo(16);
        assertThat(received.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(received.getExecutorId().getValue()).isEqualTo("logstash-executor");
        assertThat(client.unacknowledgedUpdates()).isEmpty();
        assertThat(client.unacknowledgedTasks()).isEmpty();
    }

    @Test
    void everyUpdateGetsItsOwnUuid() {
        startCheckpointing();
        awaitSubscriptions(1);
        agent.autoAcknowledge(false);

        TaskStatus first = client.update(running("task-1"));
        TaskStatus second = client.update(running("task-1"));

        assertThat(first.getUuid()).isNotEqualTo(second.getUuid());
        assertThat(client.unacknowledgedUpdates()).containsExactly(first, second);
    }

    @Test
    void eventsReachTheListenerInOrderOnOneThread() {
        startCheckpointing();
        awaitSubscriptions(1);

        agent.launch("task-1");
        agent.message("config v2".getBytes(StandardCharsets.UTF_8));
        agent.kill("task-1");
        agent.shutdown();

        await().atMost(WAIT).until(() -> listener.events.contains("shutdown"));
        assertThat(listener.events).containsExactly("subscribed fake-agent-S0", "launch task-1", "message config v2", "kill task-1", "shutdown");
        assertThat(listener.callbackThread.getName()).isEqualTo("executor-events");
    }

    @Test
    void aMockListenerHearsTheAgentsEventsInOrder() {
        ExecutorListener mockListener = mock(ExecutorListener.class);
        start(agent.executorEnvironment("20secs", "200ms"), mockListener);
        await().atMost(WAIT).untilAsserted(() -> verify(mockListener).subscribed(any()));

        agent.launch("task-1");
        agent.message("config v2".getBytes(StandardCharsets.UTF_8));
        agent.kill("task-1");
        agent.shutdown();

        await().atMost(WAIT).untilAsserted(() -> verify(mockListener).shutdown());
        InOrder order = inOrder(mockListener);
        order.verify(mockListener).subscribed(any());
        order.verify(mockListener).launch(argThat(task -> task.getTaskId().getValue().equals("task-1")));
        order.verify(mockListener).message(ByteString.copyFromUtf8("config v2"));
        order.verify(mockListener).kill(argThat(kill -> kill.getTaskId().getValue().equals("task-1")));
        order.verify(mockListener).shutdown();
    }

    @Test
    void unacknowledgedUpdatesAndTasksAreResentWhenTheAgentComesBack() throws Exception {
        startCheckpointing();
        awaitSubscriptions(1);
        agent.autoAcknowledge(false);
        agent.launch("task-1");
        await().atMost(WAIT).until(() -> listener.events.contains("launch task-1"));
        TaskStatus running = client.update(running("task-1"));
        await().atMost(WAIT).until(() -> agent.updates().size() == 1);

        agent.stop();
        await().atMost(WAIT).until(() -> listener.count("disconnected") == 1);
        TaskStatus whileDown = client.update(TaskStatus.newBuilder(running("task-1")).setMessage("collecting").build());
        agent.autoAcknowledge(true);
        agent.restart();

        awaitSubscriptions(2);
        Call.Subscribe resubscribe = agent.subscriptions().get(1);
        assertThat(resubscribe.getUnacknowledgedUpdatesList()).extracting(Call.Update::getStatus).containsExactly(running, whileDown);
        assertThat(resubscribe.getUnacknowledgedTasksList()).extracting(t -> t.getTaskId().getValue()).containsExactly("task-1");
        await().atMost(WAIT).until(() -> client.unacknowledgedUpdates().isEmpty());
        assertThat(client.unacknowledgedTasks()).isEmpty();
        assertThat(listener.events).doesNotContain("agentLost");
    }

    @Test
    void acknowledgedUpdatesAreNotResent() throws Exception {
        startCheckpointing();
        awaitSubscriptions(1);
        client.update(running("task-1"));
        await().atMost(WAIT).until(() -> listener.events.contains("acknowledged task-1"));

        agent.stop();
        agent.restart();

        awaitSubscriptions(2);
        assertThat(agent.subscriptions().get(1).getUnacknowledgedUpdatesCount()).isZero();
    }

    @Test
    void agentAwayLongerThanTheRecoveryTimeoutMeansAgentLost() {
        start(agent.executorEnvironment("1secs", "100ms"));
        awaitSubscriptions(1);

        agent.stop();

        await().atMost(WAIT).until(() -> listener.count("agentLost") == 1);
        assertThat(listener.events.getLast()).startsWith("agentLost not subscribed again within the recovery timeout of PT1S");
        assertThat(listener.count("disconnected")).isEqualTo(1);
    }

    @Test
    void withoutCheckpointingADisconnectionMeansAgentLost() {
        start(agent.executorEnvironment(null, null));
        awaitSubscriptions(1);

        agent.closeStream();

        await().atMost(WAIT).until(() -> listener.count("agentLost") == 1);
        assertThat(listener.events.getLast()).contains("does not checkpoint");
        assertThat(agent.subscriptions()).hasSize(1);
    }

    @Test
    void sendsTheAuthenticationTokenAsBearer() {
        agent.requireToken("secret-jwt");
        Map<String, String> env = agent.executorEnvironment("20secs", "200ms");
        env.put("MESOS_EXECUTOR_AUTHENTICATION_TOKEN", "secret-jwt");
        start(env);

        awaitSubscriptions(1);
        client.message(ByteString.copyFromUtf8("hello"));

        assertThat(agent.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer secret-jwt"));
        assertThat(agent.messages()).containsExactly(ByteString.copyFromUtf8("hello"));
    }

    @Test
    void aRefusedSubscriptionIsFinal() {
        agent.requireToken("secret-jwt");
        start(agent.executorEnvironment("20secs", "200ms"));

        await().atMost(WAIT).until(() -> listener.count("agentLost") == 1);
        assertThat(listener.events.getLast()).contains("answered 401");
        assertThat(agent.requests()).hasSize(1);
    }

    @Test
    void anUpdateTheAgentRefusesIsDroppedAndThrown() {
        Map<String, String> env = agent.executorEnvironment("20secs", "200ms");
        start(env);
        awaitSubscriptions(1);
        agent.requireToken("now-required");

        assertThatThrownBy(() -> client.update(running("task-1"))).isInstanceOfSatisfying(MesosCallException.class,
                e -> assertThat(e.status()).isEqualTo(401));
        assertThat(client.unacknowledgedUpdates()).isEmpty();
    }

    @Test
    void stagingIsRefusedBeforeSending() {
        startCheckpointing();
        awaitSubscriptions(1);

        assertThatThrownBy(() -> client.update(TaskStatus.newBuilder(running("task-1")).setState(TaskState.TASK_STAGING).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TASK_STAGING");
        assertThat(agent.updates()).isEmpty();
    }

    @Test
    void messagesNeedASubscription() {
        start(agent.executorEnvironment("20secs", "200ms"));
        awaitSubscriptions(1);
        agent.stop();
        await().atMost(WAIT).until(() -> listener.count("disconnected") == 1);

        assertThatThrownBy(() -> client.message(ByteString.copyFromUtf8("x"))).isInstanceOf(NotSubscribedException.class);
    }

    @Test
    void anAgentStillRecoveringIsAskedAgain() {
        agent.refuseSubscriptions(503, "Agent has not finished recovery");
        startCheckpointing();
        await().atMost(WAIT).until(() -> agent.requests().size() >= 2);

        agent.acceptSubscriptions();

        awaitSubscriptions(1);
        assertThat(agent.requests()).first().satisfies(r -> assertThat(r.status()).isEqualTo(503));
        assertThat(listener.events).doesNotContain("agentLost");
    }

    @Test
    void anAgentThatForgotTheExecutorIsFinal() {
        agent.refuseSubscriptions(400, "Executor cannot be found");
        startCheckpointing();

        await().atMost(WAIT).until(() -> listener.count("agentLost") == 1);
        assertThat(listener.events.getLast()).contains("answered 400: Executor cannot be found");
    }

    @Test
    void anAgentNotYetListeningIsWaitedForWhenCheckpointing() throws Exception {
        agent.stop();
        startCheckpointing();
        // Attempts fail while the agent is down, without giving up: the recovery timeout is 20 s.
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> listener.events.isEmpty());

        agent.restart();

        awaitSubscriptions(1);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheEvents() {
        RecordingExecutorListener throwing = new RecordingExecutorListener() {
            @Override
            public void launch(org.apache.mesos.v1.Protos.TaskInfo task) {
                super.launch(task);
                throw new IllegalStateException("bug in the executor");
            }
        };
        client = new HttpExecutorClient(ExecutorEnvironment.fromEnv(agent.executorEnvironment("20secs", "200ms")),
                MesosHttpClient.create(Duration.ofSeconds(2)),
                new ExecutorClientConfig(Duration.ofSeconds(5), 1024 * 1024, failures -> Duration.ofMillis(50)),
                InstantSource.system(), Thread.ofVirtual().factory());
        client.start(throwing);
        await().atMost(WAIT).until(() -> throwing.count("subscribed") == 1);

        agent.launch("task-1");
        agent.kill("task-1");

        await().atMost(WAIT).until(() -> throwing.events.contains("kill task-1"));
        assertThat(throwing.events).containsExactly("subscribed fake-agent-S0", "launch task-1", "kill task-1");
    }

    @Test
    void theSubscriptionOutlivesTheRequestTimeout() {
        client = new HttpExecutorClient(ExecutorEnvironment.fromEnv(agent.executorEnvironment("20secs", "200ms")),
                MesosHttpClient.create(Duration.ofSeconds(2)),
                new ExecutorClientConfig(Duration.ofMillis(300), 1024 * 1024, failures -> Duration.ofMillis(50)),
                InstantSource.system(), Thread.ofVirtual().factory());
        client.start(listener);
        awaitSubscriptions(1);

        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> listener.count("disconnected") == 0);
        agent.launch("task-1");

        await().atMost(WAIT).until(() -> listener.events.contains("launch task-1"));
        assertThat(agent.subscriptions()).hasSize(1);
    }

    @Test
    void closeEndsTheSubscription() {
        startCheckpointing();
        awaitSubscriptions(1);

        client.close();

        // The agent notices a closed connection when it next writes.
        await().atMost(WAIT).until(() -> !agent.heartbeat());
        assertThatThrownBy(() -> client.message(ByteString.copyFromUtf8("x"))).isInstanceOf(NotSubscribedException.class);
        assertThat(listener.events).containsExactly("subscribed fake-agent-S0");
    }
}
