package org.mesoslogstash.onemachine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.retry.Sleeper;

class FrameworkTeardownTest {

    private final List<String> calls = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = sleeps::add;

    /** Mesos whose executor ends after {@code checksUntilEnded} checks; the scheduler's teardown fails if asked to. */
    private FrameworkTeardown.Mesos mesos(int checksUntilEnded, boolean schedulerFails) {
        return new FrameworkTeardown.Mesos() {
            private int checks;

            @Override
            public void teardownThroughScheduler() throws IOException {
                calls.add("scheduler");
                if (schedulerFails) {
                    throw new IOException("POST /api/teardown answered 503");
                }
            }

            @Override
            public void shutdownOnAgent() {
                calls.add("agent");
            }

            @Override
            public boolean executorsRunning() {
                return ++checks <= checksUntilEnded;
            }
        };
    }

    @Test
    void theSchedulerTearsDownAndTheExecutorIsAwaited() throws InterruptedException {
        new FrameworkTeardown(mesos(3, false), sleeper, Duration.ofSeconds(20), Optional.empty()).close();

        assertThat(calls).containsExactly("scheduler");
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void whenTheSchedulerCannotTearDownTheAgentShutsTheExecutorDown() throws InterruptedException {
        new FrameworkTeardown(mesos(0, true), sleeper, Duration.ofSeconds(20), Optional.empty()).close();

        assertThat(calls).containsExactly("scheduler", "agent");
    }

    @Test
    void withoutAKnownPasswordOnlyTheAgentIsAsked() throws InterruptedException {
        new FrameworkTeardown(mesos(0, false), sleeper, Duration.ofSeconds(20), Optional.of("no password")).close();

        assertThat(calls).containsExactly("agent");
    }

    @Test
    void theWaitForTheExecutorIsBounded() throws InterruptedException {
        new FrameworkTeardown(mesos(Integer.MAX_VALUE, false), sleeper, Duration.ofSeconds(2), Optional.empty()).close();

        assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(2));
    }
}
