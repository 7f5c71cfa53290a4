package org.mesoslogstash.executor.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.docker.DockerClients;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.executor.testsupport.TestImages;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.testsupport.PrivateDockerDaemon;

/**
 * Discovery survives a restart of the Docker daemon: it reconnects, resyncs and reports what
 * changed meanwhile and what starts afterwards. Runs against a private daemon, never the shared
 * one. Prints figures; asserts only on behaviour.
 */
class DaemonRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static PrivateDockerDaemon daemon;

    @BeforeAll
    static void startDaemon() {
        daemon = PrivateDockerDaemon.create("restart");
        daemon.start();
        daemon.loadImage(TestImages.busybox());
    }

    @AfterAll
    static void removeDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static String runContainer(String name) {
        // SIGKILL as stop signal: busybox sleep as PID 1 ignores SIGTERM, and the daemon would wait out its timeout.
        return daemon.docker("run", "-d", "--network", "none", "--stop-signal", "SIGKILL", "--name", "mlt-disc-" + name,
                TestImages.BUSYBOX, "sleep", "600");
    }

    @Test
    void reconnectsAndResyncsAfterADaemonRestart() throws IOException {
        RecordingContainerListener listener = new RecordingContainerListener();
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("discovery").daemon().factory());
        try (DockerClient client = DockerClients.connect(new DockerEndpoint(URI.create(daemon.host())));
             ContainerDiscovery discovery = new ContainerDiscovery(new DockerContainerDirectory(client), listener,
                     Duration.ofMinutes(10), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), scheduler,
                     Clock.systemUTC())) {
            discovery.start();
            await().atMost(WAIT).until(discovery::connected);

            List<Long> runToStartedMillis = new ArrayList<>();
            List<Long> returnedToStartedMillis = new ArrayList<>();
            String before = null;
            for (int i = 0; i < 5; i++) {
                long issued = System.nanoTime();
                String id = runContainer("before-" + i);
                long returned = System.nanoTime();
                await().atMost(WAIT).until(() -> listener.startedAtNanos(id) != null);
                runToStartedMillis.add((listener.startedAtNanos(id) - issued) / 1_000_000);
                returnedToStartedMillis.add((listener.startedAtNanos(id) - returned) / 1_000_000);
                before = id;
            }
            String survivor = before;

            long stopIssued = System.nanoTime();
            daemon.stop();
            long stopped = System.nanoTime();
            daemon.start();
            long ready = System.nanoTime();
            String after = runContainer("after");
            long afterRun = System.nanoTime();
            await().atMost(WAIT).until(() -> listener.startedAtNanos(after) != null);
            long afterStarted = listener.startedAtNanos(after);
            await().atMost(WAIT).until(discovery::connected);

            // The daemon stopped every container on shutdown; the resync after reconnecting says so.
            await().atMost(WAIT).until(() -> listener.heard(survivor).size() == 2);
            assertThat(listener.heard(survivor)).containsExactly("started", "stopped");
            assertThat(listener.heard(after)).containsExactly("started");

            // And events flow again on the new stream.
            daemon.docker("rm", "-f", after);
            await().atMost(WAIT).until(() -> listener.heard(after).size() == 3);
            assertThat(listener.heard(after)).containsExactly("started", "stopped", "removed");

            Collections.sort(runToStartedMillis);
            Collections.sort(returnedToStartedMillis);
            System.out.printf("FIGURES docker run -> started (5 runs, includes the CLI): min %d ms, median %d ms, max %d ms%n",
                    runToStartedMillis.getFirst(), runToStartedMillis.get(2), runToStartedMillis.getLast());
            System.out.printf("FIGURES docker run returned -> started (negative: before the CLI returned): min %d ms, median %d ms, max %d ms%n",
                    returnedToStartedMillis.getFirst(), returnedToStartedMillis.get(2), returnedToStartedMillis.getLast());
            System.out.printf("FIGURES daemon stop took %d ms; daemon start (until it answered) took %d ms%n",
                    (stopped - stopIssued) / 1_000_000, (ready - stopped) / 1_000_000);
            System.out.printf("FIGURES after restart: daemon ready -> docker run returned %d ms; -> new container reported started %d ms%n",
                    (afterRun - ready) / 1_000_000, (afterStarted - ready) / 1_000_000);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void reconnectsAfterTheDaemonIsKilled() throws IOException {
        RecordingContainerListener listener = new RecordingContainerListener();
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("discovery").daemon().factory());
        try (DockerClient client = DockerClients.connect(new DockerEndpoint(URI.create(daemon.host())));
             ContainerDiscovery discovery = new ContainerDiscovery(new DockerContainerDirectory(client), listener,
                     Duration.ofMinutes(10), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), scheduler,
                     Clock.systemUTC())) {
            discovery.start();
            String before = runContainer("crash-before");
            await().atMost(WAIT).until(() -> listener.heard(before).contains("started"));

            daemon.kill();
            daemon.start();
            long ready = System.nanoTime();
            String after = runContainer("crash-after");
            await().atMost(WAIT).until(() -> listener.startedAtNanos(after) != null);
            long afterStarted = listener.startedAtNanos(after);
            await().atMost(WAIT).until(discovery::connected);

            // A crash of dockerd alone may leave containerd and the container running; either way the
            // listener must agree with what the daemon now says.
            boolean stillRunning = Boolean.parseBoolean(daemon.docker("inspect", "--format", "{{.State.Running}}", before));
            if (stillRunning) {
                assertThat(listener.heard(before)).containsExactly("started");
            } else {
                await().atMost(WAIT).until(() -> listener.heard(before).size() == 2);
                assertThat(listener.heard(before)).containsExactly("started", "stopped");
            }
            assertThat(listener.heard(after)).containsExactly("started");
            System.out.printf("FIGURES after a dockerd crash (SIGKILL): container survived: %s; daemon ready -> new container reported started %d ms%n",
                    stillRunning, (afterStarted - ready) / 1_000_000);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
