package org.mesoslogstash.executor.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.testsupport.DeterministicScheduler;
import org.mesoslogstash.retry.Backoff;

class ContainerDiscoveryTest {

    private static final Duration RESYNC = Duration.ofSeconds(30);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

    private final DeterministicScheduler scheduler = new DeterministicScheduler();
    private final FakeContainerDirectory docker = new FakeContainerDirectory();
    private final RecordingListener listener = new RecordingListener();
    private final ContainerDiscovery discovery =
            new ContainerDiscovery(docker, listener, RESYNC, BACKOFF, scheduler, scheduler.clock());

    /** Records notifications as "started a", "stopped a", "removed a". */
    static final class RecordingListener implements ContainerListener {
        final List<String> heard = new ArrayList<>();

        @Override
        public void started(ContainerInfo container) {
            heard.add("started " + container.id());
        }

        @Override
        public void stopped(String containerId) {
            heard.add("stopped " + containerId);
        }

        @Override
        public void removed(String containerId) {
            heard.add("removed " + containerId);
        }

        List<String> takeAll() {
            List<String> taken = List.copyOf(heard);
            heard.clear();
            return taken;
        }
    }

    private void startDiscovery() {
        discovery.start();
        scheduler.runDue();
    }

    @AfterEach
    void closeDiscovery() {
        discovery.close();
    }

    @Nested
    class Starting {

        @Test
        void reportsContainersAlreadyRunning() {
            docker.run("a");
            docker.run("b");

            startDiscovery();

            assertThat(listener.takeAll()).containsExactly("started a", "started b");
        }

        @Test
        void doesNotReportContainersThatAreNotRunning() {
            docker.run("a");
            docker.stop("a");

            startDiscovery();

            assertThat(listener.takeAll()).isEmpty();
        }

        @Test
        void subscribesBeforeListing() {
            docker.run("a");

            startDiscovery();

            assertThat(docker.calls).startsWith("subscribe", "list");
        }

        @Test
        void isConnectedAndRecordsTheResyncTime() {
            assertThat(discovery.lastResync()).isEqualTo(java.time.Instant.EPOCH);

            startDiscovery();

            assertThat(discovery.running()).isTrue();
            assertThat(discovery.connected()).isTrue();
            assertThat(discovery.lastResync()).isEqualTo(scheduler.now());
        }

        @Test
        void startingTwiceIsAnError() {
            startDiscovery();

            assertThatThrownBy(discovery::start).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void nothingHappensBeforeStart() {
            scheduler.advance(RESYNC.multipliedBy(3));

            assertThat(docker.calls).isEmpty();
            assertThat(discovery.running()).isFalse();
        }
    }

    @Nested
    class FollowingEvents {

        @BeforeEach
        void started() {
            startDiscovery();
        }

        @Test
        void newContainerIsStarted() {
            docker.run("a");
            scheduler.runDue();

            assertThat(listener.takeAll()).containsExactly("started a");
        }

        @Test
        void diedContainerIsStopped() {
            docker.run("a");
            docker.stop("a");
            scheduler.runDue();

            assertThat(listener.takeAll()).containsExactly("started a", "stopped a");
        }

        @Test
        void destroyedContainerIsRemoved() {
            docker.run("a");
            docker.stop("a");
            scheduler.runDue();
            docker.remove("a");
            scheduler.runDue();

            assertThat(listener.takeAll()).containsExactly("started a", "stopped a", "removed a");
        }

        @Test
        void runThatEndedBeforeDiscoveryLookedIsStillReported() {
            docker.run("a");
            docker.stop("a");
            scheduler.runDue();

            assertThat(listener.takeAll()).containsExactly("started a", "stopped a");
        }

        @Test
        void containerGoneBeforeDiscoveryLookedIsNotReported() {
            docker.run("a");
            docker.stop("a");
            docker.remove("a");
            scheduler.runDue();

            assertThat(listener.takeAll()).isEmpty();
        }

        @Test
        void containerRemovedWhileRunningIsStoppedThenRemoved() {
            docker.run("a");
            scheduler.runDue();
            docker.remove("a");
            scheduler.runDue();

            assertThat(listener.takeAll()).containsExactly("started a", "stopped a", "removed a");
        }

        @Test
        void restartIsStoppedThenStartedAgain() {
            docker.run("a");
            scheduler.runDue();
            docker.stop("a");
            docker.run("a");
            scheduler.runDue();

            assertThat(listener.takeAll()).containsExactly("started a", "stopped a", "started a");
        }

        @Test
        void repeatedStartEventIsReportedOnce() {
            docker.run("a");
            docker.send(ContainerDirectory.ContainerEvent.Type.START, "a");
            scheduler.runDue();

            assertThat(listener.takeAll()).containsExactly("started a");
        }

        @Test
        void lateDieOfAnEarlierRunChangesNothing() {
            docker.run("a");
            scheduler.runDue();
            docker.stop("a", false);
            docker.run("a", false);
            scheduler.advance(RESYNC);
            listener.takeAll();

            docker.send(ContainerDirectory.ContainerEvent.Type.DIE, "a");
            scheduler.runDue();

            assertThat(listener.takeAll()).isEmpty();
        }

        @Test
        void containerThatNeverRanIsNotReported() {
            docker.send(ContainerDirectory.ContainerEvent.Type.DESTROY, "ghost");
            docker.send(ContainerDirectory.ContainerEvent.Type.DIE, "ghost");
            scheduler.runDue();

            assertThat(listener.takeAll()).isEmpty();
        }

        @Test
        void eachContainerKeepsItsOwnOrder() {
            docker.run("a");
            docker.run("b");
            scheduler.runDue();
            docker.stop("a");
            docker.remove("b");
            scheduler.runDue();
            docker.remove("a");
            scheduler.runDue();

            List<String> heard = listener.takeAll();
            assertThat(heard.stream().filter(h -> h.endsWith(" a"))).containsExactly("started a", "stopped a", "removed a");
            assertThat(heard.stream().filter(h -> h.endsWith(" b"))).containsExactly("started b", "stopped b", "removed b");
        }

        @Test
        void aFailingListenerDoesNotStopDiscovery() {
            ContainerDiscovery withBadListener = new ContainerDiscovery(docker, new ContainerListener() {
                @Override
                public void started(ContainerInfo container) {
                    throw new IllegalStateException("bug in listener");
                }

                @Override
                public void stopped(String containerId) {
                    listener.stopped(containerId);
                }

                @Override
                public void removed(String containerId) {
                    listener.removed(containerId);
                }
            }, RESYNC, BACKOFF, scheduler, scheduler.clock());
            discovery.close();
            withBadListener.start();
            scheduler.runDue();

            docker.run("a");
            scheduler.runDue();
            docker.stop("a");
            scheduler.runDue();

            assertThat(listener.takeAll()).containsExactly("stopped a");
            withBadListener.close();
        }
    }

    @Nested
    class Resyncing {

        @BeforeEach
        void started() {
            startDiscovery();
        }

        @Test
        void findsAContainerWhoseStartWasMissed() {
            docker.run("a", false);
            scheduler.advance(RESYNC.minusSeconds(1));
            assertThat(listener.heard).isEmpty();

            scheduler.advance(Duration.ofSeconds(1));

            assertThat(listener.takeAll()).containsExactly("started a");
        }

        @Test
        void findsAContainerWhoseDeathWasMissed() {
            docker.run("a");
            scheduler.runDue();
            docker.stop("a", false);

            scheduler.advance(RESYNC);

            assertThat(listener.takeAll()).containsExactly("started a", "stopped a");
        }

        @Test
        void findsAContainerWhoseRemovalWasMissed() {
            docker.run("a");
            scheduler.runDue();
            docker.remove("a", false);

            scheduler.advance(RESYNC);

            assertThat(listener.takeAll()).containsExactly("started a", "stopped a", "removed a");
        }

        @Test
        void findsARestartWhoseEventsWereMissed() {
            docker.run("a");
            scheduler.runDue();
            docker.stop("a", false);
            docker.run("a", false);

            scheduler.advance(RESYNC);

            assertThat(listener.takeAll()).containsExactly("started a", "stopped a", "started a");
        }

        @Test
        void reportsNothingWhenNothingChanged() {
            docker.run("a");
            scheduler.runDue();
            listener.takeAll();

            scheduler.advance(RESYNC.multipliedBy(3));

            assertThat(listener.takeAll()).isEmpty();
        }

        @Test
        void repeatsEveryInterval() {
            int before = docker.lists;

            scheduler.advance(RESYNC.multipliedBy(3));

            assertThat(docker.lists - before).isEqualTo(3);
            assertThat(discovery.lastResync()).isEqualTo(scheduler.now());
        }

        @Test
        void doesNotInspectStoppedContainersItNeverReported() {
            docker.run("a", false);
            docker.stop("a", false);
            docker.calls.clear();

            scheduler.advance(RESYNC);

            assertThat(docker.calls).containsExactly("list");
        }
    }

    @Nested
    class LosingDocker {

        @BeforeEach
        void started() {
            docker.run("a");
            startDiscovery();
            listener.takeAll();
        }

        @Test
        void reconnectsAfterTheBackoffDelayWhenTheStreamBreaks() {
            docker.goDown();
            scheduler.runDue();

            assertThat(discovery.connected()).isFalse();
            assertThat(scheduler.pendingDelays()).containsExactly(BACKOFF.delay(1));
        }

        @Test
        void backsOffFurtherWhileDockerStaysDown() {
            docker.goDown();
            scheduler.runDue();

            scheduler.advance(BACKOFF.delay(1));
            assertThat(scheduler.pendingDelays()).containsExactly(BACKOFF.delay(2));
            scheduler.advance(BACKOFF.delay(2));
            assertThat(scheduler.pendingDelays()).containsExactly(BACKOFF.delay(3));
            scheduler.advance(BACKOFF.delay(3));
            scheduler.advance(BACKOFF.delay(4));
            assertThat(scheduler.pendingDelays()).containsExactly(BACKOFF.max());
        }

        @Test
        void subscribesThenResyncsOnReconnecting() {
            docker.goDown();
            scheduler.runDue();
            docker.calls.clear();
            docker.comeUp();

            scheduler.advance(BACKOFF.delay(1));

            assertThat(docker.calls).startsWith("subscribe", "list");
            assertThat(docker.subscribed()).isTrue();
            assertThat(discovery.connected()).isTrue();
        }

        @Test
        void reportsWhatChangedWhileDisconnected() {
            docker.run("b");
            scheduler.runDue();
            listener.takeAll();
            docker.goDown();
            scheduler.runDue();
            docker.comeUp();
            docker.stop("a");
            docker.remove("b");
            docker.run("c");

            scheduler.advance(BACKOFF.delay(1));

            assertThat(listener.takeAll()).containsExactlyInAnyOrder("stopped a", "stopped b", "removed b", "started c");
        }

        @Test
        void aDaemonRestartStopsAndStartsContainersAgain() {
            docker.goDown();
            docker.stop("a", false);
            scheduler.advance(BACKOFF.delay(1));
            docker.comeUp();
            docker.run("a", false);

            scheduler.advance(BACKOFF.delay(2));

            assertThat(listener.takeAll()).containsExactly("stopped a", "started a");
        }

        @Test
        void aFailedCallNeverLooksLikeARemoval() {
            docker.goDown();
            scheduler.advance(BACKOFF.delay(1).multipliedBy(10));

            assertThat(listener.takeAll()).isEmpty();
        }

        @Test
        void failureDuringAnEventReconnects() {
            int subscriptions = docker.subscriptions;
            docker.run("b");
            // Down, but the stream has not noticed yet: the inspect for the event fails.
            docker.goDown();
            docker.comeUp();
            scheduler.runDue();

            scheduler.advance(BACKOFF.delay(1));

            assertThat(docker.subscriptions).isEqualTo(subscriptions + 1);
            assertThat(listener.takeAll()).containsExactly("started b");
        }

        @Test
        void anUnexpectedFailureStartsOverInsteadOfStoppingDiscovery() {
            int subscriptions = docker.subscriptions;
            docker.failNextInspect(new IllegalStateException("bug in the Docker client"));
            docker.run("b");
            scheduler.runDue();

            scheduler.advance(BACKOFF.delay(1));

            assertThat(docker.subscriptions).isEqualTo(subscriptions + 1);
            assertThat(listener.takeAll()).containsExactly("started b");
            assertThat(discovery.connected()).isTrue();
        }

        @Test
        void aCleanlyEndedStreamIsReopened() {
            int subscriptions = docker.subscriptions;
            docker.endStream();
            scheduler.runDue();

            scheduler.advance(BACKOFF.delay(1));

            assertThat(docker.subscriptions).isEqualTo(subscriptions + 1);
            assertThat(discovery.connected()).isTrue();
        }

        @Test
        void aFailedResyncReconnects() {
            int subscriptions = docker.subscriptions;
            // The resync finds Docker down before the stream does.
            scheduler.advance(RESYNC.minusMillis(1));
            docker.goDown();
            docker.comeUp();
            scheduler.advance(Duration.ofMillis(1));

            scheduler.advance(BACKOFF.delay(1));

            assertThat(docker.subscriptions).isEqualTo(subscriptions + 1);
        }

        @Test
        void backoffStartsOverAfterAReconnect() {
            docker.goDown();
            scheduler.advance(BACKOFF.delay(1));
            scheduler.advance(BACKOFF.delay(2));
            docker.comeUp();
            scheduler.advance(BACKOFF.delay(3));
            assertThat(discovery.connected()).isTrue();

            docker.goDown();
            scheduler.runDue();

            assertThat(scheduler.pendingDelays()).containsExactly(BACKOFF.delay(1));
        }

        @Test
        void callbacksOfADroppedStreamAreIgnored() {
            List<ContainerEventHandler> handlers = new ArrayList<>();
            ContainerDirectory recording = new ContainerDirectory() {
                @Override
                public List<ContainerStatus> list() {
                    return docker.list();
                }

                @Override
                public java.util.Optional<ContainerInstance> inspect(String id) {
                    return docker.inspect(id);
                }

                @Override
                public Subscription subscribe(ContainerEventHandler handler) {
                    handlers.add(handler);
                    return docker.subscribe(handler);
                }
            };
            discovery.close();
            ContainerDiscovery other = new ContainerDiscovery(recording, listener, RESYNC, BACKOFF, scheduler, scheduler.clock());
            other.start();
            scheduler.runDue();
            docker.endStream();
            scheduler.advance(BACKOFF.delay(1));
            int subscriptions = docker.subscriptions;

            handlers.getFirst().failed(new java.io.IOException("late"));
            scheduler.advance(BACKOFF.max());

            assertThat(docker.subscriptions).isEqualTo(subscriptions);
            assertThat(other.connected()).isTrue();
            other.close();
        }
    }

    @Nested
    class Closing {

        @Test
        void closeStopsEverything() {
            docker.run("a");
            startDiscovery();
            listener.takeAll();

            discovery.close();
            docker.run("b");
            docker.stop("a", false);
            scheduler.advance(RESYNC.multipliedBy(3));

            assertThat(listener.takeAll()).isEmpty();
            assertThat(docker.subscribed()).isFalse();
            assertThat(scheduler.pendingDelays()).isEmpty();
            assertThat(discovery.running()).isFalse();
            assertThat(discovery.connected()).isFalse();
        }

        @Test
        void closeWhileReconnectingStopsReconnecting() {
            startDiscovery();
            docker.goDown();
            scheduler.runDue();

            discovery.close();
            docker.comeUp();
            scheduler.advance(BACKOFF.max());

            assertThat(docker.subscribed()).isFalse();
            assertThat(scheduler.pendingDelays()).isEmpty();
        }

        @Test
        void closedDiscoveryCannotBeStarted() {
            discovery.close();

            assertThatThrownBy(discovery::start).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void closeIsIdempotent() {
            startDiscovery();

            discovery.close();
            discovery.close();

            assertThat(discovery.running()).isFalse();
        }
    }
}
