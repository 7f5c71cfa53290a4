package org.mesoslogstash.config.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;

import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.config.Configuration;

class CollectorAssignmentTest {

    private static ByteString hex(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    @Test
    void writesTheDocumentedFieldNumbers() {
        ByteString bytes = new CollectorAssignment(2, "{}").toByteString();

        // field 1 varint 2, field 2 length 2 "{}"
        assertThat(HexFormat.of().formatHex(bytes.toByteArray())).isEqualTo("0802" + "1202" + "7b7d");
    }

    @Test
    void readsWhatItWrites() {
        CollectorAssignment assignment = new CollectorAssignment(123_456_789_012L, "{\"sink\": \"ü\"}");

        assertThat(CollectorAssignment.parse(assignment.toByteString())).isEqualTo(assignment);
    }

    @Test
    void carriesTheConfigurationsAsRepeatedMessages() throws Exception {
        CollectorAssignment assignment = new CollectorAssignment(5, "{}", List.of(
                new Configuration("nginx", "input { container { image => \"nginx\" console => true } }"),
                new Configuration("empty", "")));

        assertThat(CollectorAssignment.parse(assignment.toByteString())).isEqualTo(assignment);
        UnknownFieldSet fields = UnknownFieldSet.parseFrom(assignment.toByteString());
        assertThat(fields.getField(3).getLengthDelimitedList()).hasSize(2);
        UnknownFieldSet first = UnknownFieldSet.parseFrom(fields.getField(3).getLengthDelimitedList().get(0));
        assertThat(first.getField(1).getLengthDelimitedList()).containsExactly(ByteString.copyFromUtf8("nginx"));
        // field 3, length 7: field 1 "ab", field 2 "c"
        assertThat(HexFormat.of().formatHex(new CollectorAssignment(1, "", List.of(new Configuration("ab", "c"))).toByteString().toByteArray()))
                .isEqualTo("0801" + "1200" + "1a07" + "0a026162" + "120163");
    }

    @Test
    void sameContentIgnoresTheVersion() {
        CollectorAssignment one = new CollectorAssignment(1, "{}", List.of(new Configuration("a", "x")));

        assertThat(one.sameContentAs(one.withVersion(9))).isTrue();
        assertThat(one.sameContentAs(new CollectorAssignment(1, "{}", List.of(new Configuration("a", "y"))))).isFalse();
        assertThat(one.sameContentAs(new CollectorAssignment(1, "{ }", List.of(new Configuration("a", "x"))))).isFalse();
    }

    @Test
    void skipsFieldsItDoesNotKnow() {
        ByteString withExtra = hex("0803" + "2203616263" + "1202" + "7b7d" + "2801");

        assertThat(CollectorAssignment.parse(withExtra)).isEqualTo(new CollectorAssignment(3, "{}"));
    }

    @Test
    void isReadableAsAnyProtobufMessage() throws Exception {
        UnknownFieldSet fields = UnknownFieldSet.parseFrom(new CollectorAssignment(7, "x").toByteString());

        assertThat(fields.getField(1).getVarintList()).containsExactly(7L);
        assertThat(fields.getField(2).getLengthDelimitedList()).containsExactly(ByteString.copyFromUtf8("x"));
    }

    @Test
    void refusesAMessageWithoutVersion() {
        assertThatThrownBy(() -> CollectorAssignment.parse(hex("1202" + "7b7d")))
                .isInstanceOf(InvalidAssignmentException.class)
                .hasMessageContaining("without a version");
    }

    @Test
    void refusesBytesThatAreNotProtobuf() {
        assertThatThrownBy(() -> CollectorAssignment.parse(ByteString.copyFromUtf8("{\"version\": 1}")))
                .isInstanceOf(InvalidAssignmentException.class)
                .hasMessageContaining("not a CollectorAssignment");
    }

    @Test
    void refusesAVersionOfTheWrongWireType() {
        assertThatThrownBy(() -> CollectorAssignment.parse(hex("0a0131")))
                .isInstanceOf(InvalidAssignmentException.class)
                .hasMessageContaining("field 1 (version)");
    }

    @Test
    void keepsTheConfigurationOutOfToString() {
        assertThat(new CollectorAssignment(4, "{\"trustStorePassword\": \"secret\"}").toString()).doesNotContain("secret").contains("version=4");
    }

    @Test
    void statusLabelsCarryTheAppliedAndRejectedVersions() {
        TaskStatus status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t")).setState(TaskState.TASK_RUNNING)
                .setLabels(AppliedConfiguration.labels(5, 6)).build();

        assertThat(AppliedConfiguration.appliedVersion(status)).hasValue(5);
        assertThat(AppliedConfiguration.rejectedVersion(status)).hasValue(6);
    }

    @Test
    void aStatusWithoutLabelsReportsNoVersion() {
        TaskStatus status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t")).setState(TaskState.TASK_RUNNING).build();

        assertThat(AppliedConfiguration.appliedVersion(status)).isEmpty();
    }
}
