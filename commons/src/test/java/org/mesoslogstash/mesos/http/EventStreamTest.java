package org.mesoslogstash.mesos.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;

import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.mesos.recordio.RecordIo;

class EventStreamTest {

    private static final List<Event> EVENTS = List.of(
            Event.newBuilder().setType(Event.Type.HEARTBEAT).build(),
            Event.newBuilder().setType(Event.Type.RESCIND)
                    .setRescind(Event.Rescind.newBuilder().setOfferId(OfferID.newBuilder().setValue("o-1"))).build(),
            Event.newBuilder().setType(Event.Type.ERROR)
                    .setError(Event.Error.newBuilder().setMessage("x".repeat(300))).build());

    /** Records what the stream reports, and plays the transport's side of the subscription. */
    private static final class Recorder implements EventStream.Sink<Event>, Flow.Subscription {
        final List<Event> events = new ArrayList<>();
        final List<String> ends = new ArrayList<>();
        long requested;
        boolean cancelled;

        @Override
        public void event(Event event) {
            events.add(event);
        }

        @Override
        public void ended(String reason) {
            ends.add(reason);
        }

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static byte[] wire(List<Event> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(event -> out.writeBytes(RecordIo.frame(event.toByteArray())));
        return out.toByteArray();
    }

    private static Recorder feed(byte[] wire, int chunkSize, boolean complete) {
        Recorder recorder = new Recorder();
        EventStream<Event> stream = new EventStream<>("master", "scheduler Event", Event::parseFrom, 1024, recorder);
        stream.onSubscribe(recorder);
        for (int offset = 0; offset < wire.length && !recorder.cancelled; offset += chunkSize) {
            assertThat(recorder.requested).as("asks for the next chunk").isPositive();
            recorder.requested--;
            byte[] chunk = Arrays.copyOfRange(wire, offset, Math.min(wire.length, offset + chunkSize));
            stream.onNext(List.of(ByteBuffer.wrap(chunk).asReadOnlyBuffer()));
        }
        if (complete && !recorder.cancelled) {
            stream.onComplete();
        }
        return recorder;
    }

    @Test
    void decodesEventsCutIntoChunksOfEverySize() {
        byte[] wire = wire(EVENTS);
        for (int chunkSize = 1; chunkSize <= 64; chunkSize++) {
            Recorder recorder = feed(wire, chunkSize, true);

            assertThat(recorder.events).as("chunk size %d", chunkSize).isEqualTo(EVENTS);
            assertThat(recorder.ends).containsExactly("master closed the event stream");
        }
    }

    @Test
    void streamCutInsideAnEventSaysSo() {
        byte[] wire = wire(EVENTS);

        Recorder recorder = feed(Arrays.copyOf(wire, wire.length - 5), 7, true);

        assertThat(recorder.events).isEqualTo(EVENTS.subList(0, 2));
        assertThat(recorder.ends).containsExactly("master closed the event stream in the middle of an event");
    }

    @Test
    void malformedFramingEndsTheStreamAndCancels() {
        Recorder recorder = feed("12x\n".getBytes(StandardCharsets.US_ASCII), 2, true);

        assertThat(recorder.cancelled).isTrue();
        assertThat(recorder.ends).singleElement().asString().startsWith("malformed RecordIO from the master");
    }

    @Test
    void oversizedEventEndsTheStream() {
        Recorder recorder = feed("99999\n".getBytes(StandardCharsets.US_ASCII), 64, true);

        assertThat(recorder.ends).singleElement().asString().contains("exceeds the maximum of 1024 bytes");
    }

    @Test
    void recordThatIsNotAnEventEndsTheStream() {
        Recorder recorder = feed(RecordIo.frame(new byte[] {(byte) 0xff, 0x01}), 64, true);

        assertThat(recorder.events).isEmpty();
        assertThat(recorder.ends).singleElement().asString().contains("is not a scheduler Event");
    }

    @Test
    void transportErrorEndsTheStreamOnce() {
        Recorder recorder = new Recorder();
        EventStream<Event> stream = new EventStream<>("master", "scheduler Event", Event::parseFrom, 1024, recorder);
        stream.onSubscribe(recorder);

        stream.onError(new java.io.IOException("connection reset"));
        stream.onComplete();

        assertThat(recorder.ends).containsExactly("event stream broke: java.io.IOException: connection reset");
    }
}
