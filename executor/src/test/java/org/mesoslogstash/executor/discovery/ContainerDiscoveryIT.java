package org.mesoslogstash.executor.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.docker.DockerClients;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.testsupport.DockerCommand;
import org.mesoslogstash.executor.testsupport.TestImages;
import org.mesoslogstash.retry.Backoff;

/** Discovery against the machine's Docker daemon; the long resync interval makes events do the work. */
class ContainerDiscoveryIT {

    private static final String LABEL = "mlt-disc.test";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DockerCommand docker = DockerCommand.local();
    private final RecordingContainerListener listener = new RecordingContainerListener();
    private DockerClient client;
    private ScheduledExecutorService scheduler;
    private ContainerDiscovery discovery;

    @BeforeEach
    void connect() {
        TestImages.busybox();
        client = DockerClients.connect(DockerEndpoint.fromEnvironment(System.getenv()));
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("discovery").daemon().factory());
        discovery = new ContainerDiscovery(new DockerContainerDirectory(client), listener, Duration.ofMinutes(10),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)), scheduler, Clock.systemUTC());
    }

    @AfterEach
    void cleanUp() throws IOException {
        discovery.close();
        scheduler.shutdownNow();
        client.close();
        String ours = docker.run("ps", "-aq", "--filter", "label=" + LABEL);
        if (!ours.isEmpty()) {
            docker.run(concat(new String[] {"rm", "-f"}, ours.split("\\s+")));
        }
    }

    private String runContainer(String name, String... options) {
        String[] head = {"run", "-d", "--network", "none", "--name", "mlt-disc-" + name + "-" + ProcessHandle.current().pid(),
                "--label", LABEL + "=yes"};
        String[] tail = {TestImages.busybox(), "sleep", "600"};
        return docker.run(concat(concat(head, options), tail));
    }

    @Test
    void findsContainersAlreadyRunningAtStart() {
        String id = runContainer("before");

        discovery.start();

        await().atMost(WAIT).until(() -> listener.heard(id).contains("started"));
        assertThat(listener.heard(id)).containsExactly("started");
        await().atMost(WAIT).until(discovery::connected);
    }

    @Test
    void findsANewContainer() {
        discovery.start();
        await().atMost(WAIT).until(discovery::connected);

        String id = runContainer("new");

        await().atMost(WAIT).until(() -> listener.heard(id).contains("started"));
        assertThat(listener.heard(id)).containsExactly("started");
    }

    @Test
    void followsStopStartAndRemove() {
        discovery.start();
        await().atMost(WAIT).until(discovery::connected);
        String id = runContainer("lifecycle");
        await().atMost(WAIT).until(() -> listener.heard(id).size() == 1);

        docker.run("stop", "-t", "0", id);
        await().atMost(WAIT).until(() -> listener.heard(id).size() == 2);
        assertThat(listener.heard(id)).containsExactly("started", "stopped");

        docker.run("start", id);
        await().atMost(WAIT).until(() -> listener.heard(id).size() == 3);
        assertThat(listener.heard(id)).containsExactly("started", "stopped", "started");

        docker.run("rm", "-f", id);
        await().atMost(WAIT).until(() -> listener.heard(id).size() == 5);
        assertThat(listener.heard(id)).containsExactly("started", "stopped", "started", "stopped", "removed");
    }

    @Test
    void carriesNameImageLabelsAndMesosEnvironment() {
        discovery.start();
        await().atMost(WAIT).until(discovery::connected);

        String id = runContainer("meta", "--label", "team=payments",
                "-e", "MARATHON_APP_ID=/shop/web", "-e", "MESOS_TASK_ID=shop_web.42", "-e", "MESOS_FRAMEWORK_ID=fw-1",
                "-e", "EMPTY=", "-e", "WITH_EQUALS=a=b");

        await().atMost(WAIT).until(() -> listener.info(id) != null);
        ContainerInfo info = listener.info(id);
        assertThat(info.id()).isEqualTo(id);
        assertThat(info.name()).isEqualTo("mlt-disc-meta-" + ProcessHandle.current().pid());
        assertThat(info.image()).isEqualTo(TestImages.BUSYBOX);
        assertThat(info.labels()).containsEntry("team", "payments").containsEntry(LABEL, "yes");
        assertThat(info.marathonAppId()).isEqualTo("/shop/web");
        assertThat(info.mesosTaskId()).isEqualTo("shop_web.42");
        assertThat(info.mesosFrameworkId()).isEqualTo("fw-1");
        assertThat(info.env()).containsEntry("EMPTY", "").containsEntry("WITH_EQUALS", "a=b");
    }

    @Test
    void directoryAnswersEmptyForAnUnknownContainer() {
        DockerContainerDirectory directory = new DockerContainerDirectory(client);

        assertThat(directory.inspect("mlt-disc-no-such-container")).isEmpty();
    }

    @Test
    void directoryListsRunningAndStoppedContainers() {
        DockerContainerDirectory directory = new DockerContainerDirectory(client);
        String running = runContainer("listed-running");
        String stopped = runContainer("listed-stopped");
        docker.run("stop", "-t", "0", stopped);

        assertThat(directory.list()).contains(
                new ContainerDirectory.ContainerStatus(running, true),
                new ContainerDirectory.ContainerStatus(stopped, false));
    }

    @Test
    void directoryFailsTypedWhenTheDaemonIsUnreachable() throws IOException {
        try (DockerClient nowhere = DockerClients.connect(new DockerEndpoint(java.net.URI.create("unix:///tmp/mlt-disc-nowhere.sock")))) {
            DockerContainerDirectory directory = new DockerContainerDirectory(nowhere);

            org.assertj.core.api.Assertions.assertThatThrownBy(directory::list)
                    .isInstanceOf(ContainerDirectoryException.class)
                    .hasMessageContaining("listing containers");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> directory.subscribe(new ContainerEventHandler() {
                        @Override
                        public void event(ContainerDirectory.ContainerEvent event) {
                        }

                        @Override
                        public void failed(Throwable cause) {
                        }

                        @Override
                        public void closed() {
                        }
                    }))
                    .isInstanceOf(ContainerDirectoryException.class)
                    .hasMessageContaining("subscribing");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

}
