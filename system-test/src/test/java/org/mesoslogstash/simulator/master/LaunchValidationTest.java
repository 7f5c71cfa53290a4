package org.mesoslogstash.simulator.master;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

class LaunchValidationTest {

    private static final FrameworkID FRAMEWORK = FrameworkID.newBuilder().setValue("f").build();
    private static final AgentID AGENT = AgentID.newBuilder().setValue("a1").build();
    private static final ScalarResources OFFERED = new ScalarResources(Map.of("cpus", 1.0, "mem", 256.0));

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static TaskInfo task(double cpus, double executorCpus) {
        return TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t")).setAgentId(AGENT)
                .addResources(scalar("cpus", cpus)).addResources(scalar("mem", 128))
                .setExecutor(ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue("e"))
                        .setCommand(CommandInfo.newBuilder().setValue("run")).addResources(scalar("cpus", executorCpus)))
                .build();
    }

    @Test
    void taskThatFitsWithItsNewExecutorIsValid() {
        assertThat(LaunchValidation.validate(task(0.5, 0.5), FRAMEWORK, AGENT, OFFERED, Set.of(), false)).isEmpty();
    }

    @Test
    void newExecutorsResourcesCountAgainstTheOffer() {
        assertThat(LaunchValidation.validate(task(0.5, 0.6), FRAMEWORK, AGENT, OFFERED, Set.of(), false))
                .contains("Task uses more resources cpus:1.1; mem:128 than available cpus:1; mem:256");
    }

    @Test
    void aRunningExecutorsResourcesAreNotCountedAgain() {
        assertThat(LaunchValidation.validate(task(0.5, 0.6), FRAMEWORK, AGENT, OFFERED, Set.of(), true)).isEmpty();
    }

    @Test
    void duplicateTaskIdIsInvalid() {
        assertThat(LaunchValidation.validate(task(0.5, 0.1), FRAMEWORK, AGENT, OFFERED, Set.of("t"), false))
                .contains("Task has duplicate ID: t");
    }

    @Test
    void taskWithBothCommandAndExecutorIsInvalid() {
        TaskInfo both = task(0.5, 0.1).toBuilder().setCommand(CommandInfo.newBuilder().setValue("x")).build();
        assertThat(LaunchValidation.validate(both, FRAMEWORK, AGENT, OFFERED, Set.of(), false))
                .contains("Task should have at least one (but not both) of CommandInfo or ExecutorInfo present");
    }

    @Test
    void taskForAnotherAgentThanTheOffersIsInvalid() {
        TaskInfo elsewhere = task(0.5, 0.1).toBuilder().setAgentId(AgentID.newBuilder().setValue("a2")).build();
        assertThat(LaunchValidation.validate(elsewhere, FRAMEWORK, AGENT, OFFERED, Set.of(), false)).contains("Task uses invalid agent: a2");
    }

    @Test
    void taskWithoutResourcesIsInvalid() {
        TaskInfo none = task(0.5, 0.1).toBuilder().clearResources().build();
        assertThat(LaunchValidation.validate(none, FRAMEWORK, AGENT, OFFERED, Set.of(), false)).contains("Task uses no resources");
    }
}
