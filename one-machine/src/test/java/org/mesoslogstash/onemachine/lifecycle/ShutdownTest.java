package org.mesoslogstash.onemachine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ShutdownTest {

    private final List<String> stopped = new ArrayList<>();
    private final Shutdown shutdown = new Shutdown();

    @Test
    void partsStopInTheReverseOrderOfTheirStart() {
        shutdown.started("zk", () -> stopped.add("zk"));
        shutdown.started("mesos", () -> stopped.add("mesos"));
        shutdown.started("executor", () -> stopped.add("executor"));

        shutdown.run();

        assertThat(stopped).containsExactly("executor", "mesos", "zk");
    }

    @Test
    void aPartThatFailsToStopDoesNotKeepTheOthersRunning() {
        shutdown.started("zk", () -> stopped.add("zk"));
        shutdown.started("scheduler", () -> {
            throw new IllegalStateException("boom");
        });

        shutdown.run();

        assertThat(stopped).containsExactly("zk");
    }

    @Test
    void partsAreStoppedOnce() {
        shutdown.started("zk", () -> stopped.add("zk"));

        shutdown.run();
        shutdown.run();

        assertThat(stopped).containsExactly("zk");
    }

    @Test
    void nothingStartsAfterTheShutdown() {
        shutdown.run();

        assertThatThrownBy(() -> shutdown.started("late", () -> { })).isInstanceOf(IllegalStateException.class).hasMessageContaining("late");
    }
}
