package org.mesoslogstash.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.mesos.executor.InvalidEnvironmentException;

class ExecutorSettingsTest {

    private static final Duration GRACE = Duration.ofSeconds(5);

    @Test
    void theDockerTimeoutComesFromTheEnvironmentInMesosFormat() {
        ExecutorSettings settings = ExecutorSettings.fromEnv(Map.of(ExecutorSettings.DOCKER_READY_TIMEOUT_ENV, "2mins"), GRACE);

        assertThat(settings.dockerReadyTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.shutdownGracePeriod()).isEqualTo(GRACE);
    }

    @Test
    void withoutTheVariableTheDefaultsApply() {
        assertThat(ExecutorSettings.fromEnv(Map.of(), GRACE)).isEqualTo(ExecutorSettings.defaults(GRACE));
        assertThat(ExecutorSettings.defaults(GRACE).dockerReadyTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aTimeoutThatIsNotADurationIsNamed() {
        assertThatThrownBy(() -> ExecutorSettings.fromEnv(Map.of(ExecutorSettings.DOCKER_READY_TIMEOUT_ENV, "soon"), GRACE))
                .isInstanceOf(InvalidEnvironmentException.class)
                .hasMessageStartingWith(ExecutorSettings.DOCKER_READY_TIMEOUT_ENV + ":");
    }

    @Test
    void closingLeavesTimeForTheTerminalAcknowledgement() {
        ExecutorSettings settings = ExecutorSettings.defaults(GRACE);

        assertThat(settings.closeWithin(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.closeWithin(Duration.ofSeconds(2))).as("never less than half the grace period").isEqualTo(Duration.ofSeconds(1));
    }
}
