package org.mesoslogstash.mesos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.List;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The convenience calls build what the scheduler API documents; a mock of the interface sees them. */
class SchedulerClientCallsTest {

    private static final AgentID AGENT = AgentID.newBuilder().setValue("agent-1").build();
    private static final OfferID OFFER = OfferID.newBuilder().setValue("offer-1").build();
    private static final Filters FILTERS = Filters.newBuilder().setRefuseSeconds(60).build();

    private final SchedulerClient client = mock(SchedulerClient.class, CALLS_REAL_METHODS);

    private Call sent() {
        ArgumentCaptor<Call> call = ArgumentCaptor.forClass(Call.class);
        verify(client).send(call.capture());
        return call.getValue();
    }

    @Test
    void acceptCarriesOffersOperationsAndFilters() {
        Offer.Operation launch = Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH).build();

        client.accept(List.of(OFFER), List.of(launch), FILTERS);

        Call call = sent();
        assertThat(call.getType()).isEqualTo(Call.Type.ACCEPT);
        assertThat(call.getAccept().getOfferIdsList()).containsExactly(OFFER);
        assertThat(call.getAccept().getOperationsList()).containsExactly(launch);
        assertThat(call.getAccept().getFilters()).isEqualTo(FILTERS);
        assertThat(call.hasFrameworkId()).as("filled in by the client").isFalse();
    }

    @Test
    void declineCarriesOffersAndFilters() {
        client.decline(List.of(OFFER), FILTERS);

        Call call = sent();
        assertThat(call.getType()).isEqualTo(Call.Type.DECLINE);
        assertThat(call.getDecline().getOfferIdsList()).containsExactly(OFFER);
        assertThat(call.getDecline().getFilters()).isEqualTo(FILTERS);
    }

    @Test
    void acknowledgeCarriesAgentTaskAndUuid() {
        TaskID task = TaskID.newBuilder().setValue("task-1").build();
        ByteString uuid = ByteString.copyFromUtf8("0123456789abcdef");

        client.acknowledge(AGENT, task, uuid);

        Call.Acknowledge acknowledge = sent().getAcknowledge();
        assertThat(acknowledge.getAgentId()).isEqualTo(AGENT);
        assertThat(acknowledge.getTaskId()).isEqualTo(task);
        assertThat(acknowledge.getUuid()).isEqualTo(uuid);
    }

    @Test
    void emptyReconcileAsksForEveryTask() {
        client.reconcile(List.of());

        Call call = sent();
        assertThat(call.getType()).isEqualTo(Call.Type.RECONCILE);
        assertThat(call.hasReconcile()).isTrue();
        assertThat(call.getReconcile().getTasksList()).isEmpty();
    }

    @Test
    void messageCarriesTheBytesToTheExecutor() {
        ExecutorID executor = ExecutorID.newBuilder().setValue("logstash-executor").build();

        client.message(AGENT, executor, ByteString.copyFromUtf8("config v3"));

        Call.Message message = sent().getMessage();
        assertThat(message.getAgentId()).isEqualTo(AGENT);
        assertThat(message.getExecutorId()).isEqualTo(executor);
        assertThat(message.getData().toStringUtf8()).isEqualTo("config v3");
    }

    @Test
    void killNamesTaskAndAgent() {
        TaskID task = TaskID.newBuilder().setValue("task-1").build();

        client.kill(task, AGENT);

        Call call = sent();
        assertThat(call.getType()).isEqualTo(Call.Type.KILL);
        assertThat(call.getKill().getTaskId()).isEqualTo(task);
        assertThat(call.getKill().getAgentId()).isEqualTo(AGENT);
    }
}
