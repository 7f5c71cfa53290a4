package org.mesoslogstash.executor.multiline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.multiline.MultilineSettings.Match;
import org.mesoslogstash.executor.testsupport.DeterministicScheduler;
import org.mesoslogstash.executor.testsupport.TestEvents;

class MultilinePublisherTest {

    private static final StreamKey APP = StreamKey.file(TestEvents.CONTAINER_ID, "/var/log/app.log");
    private static final StreamKey OTHER = StreamKey.file(TestEvents.CONTAINER_ID, "/var/log/other.log");
    private static final MultilineSettings INDENTED = new MultilineSettings(Pattern.compile("^\\s"), false, Match.AFTER, 500, 1 << 20,
            Duration.ofSeconds(2));

    private final DeterministicScheduler scheduler = new DeterministicScheduler();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final MultilinePublisher publisher = new MultilinePublisher(
            event -> published.add(event.stream().source() + ": " + new String(event.line(), StandardCharsets.UTF_8)),
            scheduler, scheduler.clock(), Thread.ofVirtual().factory());
    private long offset;

    private void read(StreamKey stream, String text) throws InterruptedException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        publisher.publish(new LogEvent(stream, 1, TestEvents.METADATA, scheduler.now(), bytes, offset, null,
                new Position.InFile(1, offset + bytes.length + 1)));
        offset += bytes.length + 1;
    }

    @Test
    void streamsWithoutSettingsPassStraightOn() throws InterruptedException {
        publisher.set(APP, INDENTED);

        read(OTHER, "one");
        read(OTHER, " two");

        assertThat(published).containsExactly("/var/log/other.log: one", "/var/log/other.log:  two");
    }

    @Test
    void aMessageIsHandedOnWhenALineThatDoesNotContinueItArrives() throws InterruptedException {
        publisher.set(APP, INDENTED);

        read(APP, "Exception");
        read(APP, "\tat A");
        assertThat(published).isEmpty();
        read(APP, "next");

        assertThat(published).containsExactly("/var/log/app.log: Exception\n\tat A");
    }

    @Test
    void aQuietStreamsMessageIsHandedOnAfterFlushAfter() throws InterruptedException {
        publisher.set(APP, INDENTED);
        read(APP, "Exception");
        read(APP, "\tat A");

        scheduler.advance(Duration.ofMillis(1999));
        assertThat(published).isEmpty();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(published).containsExactly("/var/log/app.log: Exception\n\tat A");
    }

    @Test
    void theQuietPeriodCountsFromTheLastLine() throws InterruptedException {
        publisher.set(APP, INDENTED);
        read(APP, "Exception");
        scheduler.advance(Duration.ofMillis(1500));
        read(APP, "\tat A");

        scheduler.advance(Duration.ofMillis(1500));
        assertThat(published).isEmpty();
        scheduler.advance(Duration.ofMillis(500));

        assertThat(published).containsExactly("/var/log/app.log: Exception\n\tat A");
    }

    @Test
    void newSettingsCompleteTheMessageBuiltUnderTheOldOnes() throws InterruptedException {
        publisher.set(APP, INDENTED);
        read(APP, "Exception");
        read(APP, "\tat A");

        publisher.set(APP, null);
        read(APP, "\tat B");

        assertThat(published).containsExactly("/var/log/app.log: Exception\n\tat A", "/var/log/app.log: \tat B");
    }

    @Test
    void flushAllHandsOnEveryWaitingMessage() throws InterruptedException {
        publisher.set(APP, INDENTED);
        publisher.set(OTHER, INDENTED);
        read(APP, "a");
        read(OTHER, "b");
        read(OTHER, " c");

        assertThat(publisher.flushAll(Duration.ofSeconds(10))).isTrue();

        assertThat(published).containsExactlyInAnyOrder("/var/log/app.log: a", "/var/log/other.log: b\n c");
    }

    @Test
    void aFlushGivesUpWhenDeliveryDoesNotTakeTheMessageInTime() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        MultilinePublisher stuck = new MultilinePublisher(event -> never.await(), scheduler, scheduler.clock(), Thread.ofVirtual().factory());
        stuck.set(APP, INDENTED);
        stuck.publish(line("waiting"));

        assertThat(stuck.flushAll(Duration.ofMillis(50))).isFalse();
    }

    @Test
    void aRemovedContainersWaitingMessagesAreHandedOnAndItsStreamsForgotten() throws InterruptedException {
        publisher.set(APP, INDENTED);
        read(APP, "last words");
        read(APP, "\tat A");

        assertThat(publisher.forgetContainer(TestEvents.CONTAINER_ID, Duration.ofSeconds(10))).isTrue();
        read(APP, "\tat B");

        assertThat(published).containsExactly("/var/log/app.log: last words\n\tat A", "/var/log/app.log: \tat B");
    }

    @Test
    void aHandOverInterruptedByAStopIsCompletedBeforeAnyLaterMessage() throws InterruptedException {
        List<String> delivered = new CopyOnWriteArrayList<>();
        boolean[] interruptNext = {true};
        MultilinePublisher interrupted = new MultilinePublisher(event -> {
            if (interruptNext[0]) {
                interruptNext[0] = false;
                throw new InterruptedException("stop");
            }
            delivered.add(new String(event.line(), StandardCharsets.UTF_8));
        }, scheduler, scheduler.clock(), Thread.ofVirtual().factory());
        interrupted.set(APP, INDENTED);
        interrupted.publish(line("first"));
        try {
            interrupted.publish(line("second"));
        } catch (InterruptedException expected) {
            // The reader was stopped while "first" was being handed on.
        }

        scheduler.advance(Duration.ofSeconds(2));

        assertThat(delivered).containsExactly("first", "second");
    }

    private LogEvent line(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        LogEvent event = new LogEvent(APP, 1, TestEvents.METADATA, scheduler.now(), bytes, offset, null,
                new Position.InFile(1, offset + bytes.length + 1));
        offset += bytes.length + 1;
        return event;
    }
}
