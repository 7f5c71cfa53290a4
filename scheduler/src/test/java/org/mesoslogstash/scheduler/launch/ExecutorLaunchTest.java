package org.mesoslogstash.scheduler.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.scheduler.testsupport.Offers;
import org.mesoslogstash.scheduler.testsupport.TestProperties;

class ExecutorLaunchTest {

    private final ExecutorLaunch launch = new ExecutorLaunch(TestProperties.defaults(),
            () -> java.util.Optional.of(new CollectorAssignment(1, TestProperties.COLLECTOR_CONFIG_JSON)));

    @Test
    void theTaskAndItsExecutorTogetherTakeNoMoreThanTheNeedFromSplitResources() {
        // mem comes in two entries: the executor's 256 MiB and the task's 1024 MiB span both
        Offer offer = Offers.offer("o", "a1", 1, 300, 1000).toBuilder().addResources(Offers.scalar("mem", 1000)).build();

        TaskInfo task = launch.taskInfo(offer, "t1");

        assertThat(task.getExecutor().getResourcesList()).extracting(r -> r.getName() + "=" + r.getScalar().getValue())
                .containsExactly("cpus=0.5", "mem=256.0", "disk=256.0");
        assertThat(task.getResourcesList()).extracting(r -> r.getName() + "=" + r.getScalar().getValue())
                .containsExactly("mem=44.0", "mem=980.0");
        assertThat(launch.totalNeed().mem()).isEqualTo(1280);
    }

    @Test
    void theExecutorIdFollowsTheTaskAndTheNameTheHost() {
        TaskInfo task = launch.taskInfo(Offers.offer("o", "a1", 1, 2048, 1000), "t1");

        assertThat(task.getExecutor().getExecutorId().getValue()).isEqualTo("executor.t1");
        assertThat(task.getName()).isEqualTo("mesos-logstash on host-a1");
        assertThat(task.getExecutor().getCommand().getShell()).isFalse();
    }

    @Test
    void theTaskCarriesTheCollectorConfigurationAsAssignmentVersionOne() {
        TaskInfo task = launch.taskInfo(Offers.offer("o", "a1", 1, 2048, 1000), "t1");

        assertThat(CollectorAssignment.parse(task.getData())).isEqualTo(new CollectorAssignment(1, TestProperties.COLLECTOR_CONFIG_JSON));
    }

    @Test
    void theExecutorRunsLogstashWithTheHeapTheTasksMemoryIsSizedFor() {
        TaskInfo task = launch.taskInfo(Offers.offer("o", "a1", 1, 2048, 1000), "t1");

        assertThat(task.getExecutor().getCommand().getEnvironment().getVariablesList())
                .anySatisfy(v -> assertThat(v.getName() + "=" + v.getValue()).isEqualTo("MESOS_LOGSTASH_LOGSTASH_HEAP=512m"));
        assertThat(task.getResourcesList()).anySatisfy(r -> assertThat(r.getName() + "=" + r.getScalar().getValue()).isEqualTo("mem=1024.0"));
    }
}
