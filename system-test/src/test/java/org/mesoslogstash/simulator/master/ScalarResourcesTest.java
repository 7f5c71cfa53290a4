package org.mesoslogstash.simulator.master;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

class ScalarResourcesTest {

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    @Test
    void sumsResourcesOfTheSameName() {
        assertThat(ScalarResources.of(List.of(scalar("cpus", 0.5), scalar("cpus", 0.25), scalar("mem", 64))))
                .isEqualTo(new ScalarResources(Map.of("cpus", 0.75, "mem", 64.0)));
    }

    @Test
    void tenthsAddUpExactlyAsInMesosFixedPoint() {
        ScalarResources three = new ScalarResources(Map.of("cpus", 0.1)).plus(new ScalarResources(Map.of("cpus", 0.2)));
        assertThat(new ScalarResources(Map.of("cpus", 0.3)).contains(three)).isTrue();
    }

    @Test
    void aResourceThatIsNotOfferedIsNotContained() {
        assertThat(new ScalarResources(Map.of("cpus", 4.0)).contains(new ScalarResources(Map.of("gpus", 1.0)))).isFalse();
    }

    @Test
    void rangesAreNeverContainedInScalarAgents() {
        Resource ports = Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).build();
        assertThat(new ScalarResources(Map.of("ports", 1e9)).contains(ScalarResources.of(List.of(ports)))).isFalse();
    }

    @Test
    void minusNeverGoesBelowZeroAndDropsEmptyNames() {
        assertThat(new ScalarResources(Map.of("cpus", 1.0, "mem", 10.0)).minus(new ScalarResources(Map.of("cpus", 2.0))))
                .isEqualTo(new ScalarResources(Map.of("mem", 10.0)));
    }

    @Test
    void printsAsMesosDoes() {
        assertThat(new ScalarResources(Map.of("mem", 128.0, "cpus", 0.5))).hasToString("cpus:0.5; mem:128");
    }

    @Test
    void offeredProtosCarryTheRoleTheyAreAllocatedTo() {
        assertThat(new ScalarResources(Map.of("cpus", 1.0)).toProtos("logging"))
                .singleElement().satisfies(r -> assertThat(r.getAllocationInfo().getRole()).isEqualTo("logging"));
    }
}
