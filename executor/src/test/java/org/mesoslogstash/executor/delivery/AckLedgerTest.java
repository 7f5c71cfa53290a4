package org.mesoslogstash.executor.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mesoslogstash.executor.delivery.DeliveryPipelineTest.at;
import static org.mesoslogstash.executor.delivery.DeliveryPipelineTest.event;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.delivery.AckLedger.Advance;
import org.mesoslogstash.executor.delivery.AckLedger.Slot;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.StreamKey;

class AckLedgerTest {

    private static final StreamKey A = StreamKey.stdout("a");
    private final AckLedger ledger = new AckLedger(A, 1);

    @Test
    void advanceStopsAtTheFirstUnacknowledgedEvent() {
        Slot s0 = ledger.add(event(A, 1, 0));
        Slot s1 = ledger.add(event(A, 1, 1));
        Slot s2 = ledger.add(event(A, 1, 2));
        s0.acked = true;
        s2.acked = true;
        assertThat(ledger.advance()).isEqualTo(new Advance(1, 1, at(1), 1));
        assertThat(ledger.advance()).isEqualTo(new Advance(0, 0, null, 0));
        s1.acked = true;
        assertThat(ledger.advance()).isEqualTo(new Advance(2, 2, at(3), 2));
        assertThat(ledger.isEmpty()).isTrue();
    }

    @Test
    void nonLastPartsOfALineAreCarriedUntilTheLastPart() {
        Slot p0 = ledger.add(event(A, 1, 0, new LogEvent.Split(0, false)));
        Slot p1 = ledger.add(event(A, 1, 1, new LogEvent.Split(1, false)));
        p0.acked = true;
        p1.acked = true;
        assertThat(ledger.advance()).isEqualTo(new Advance(2, 2, null, 0));
        assertThat(ledger.carried()).isEqualTo(2);
        Slot p2 = ledger.add(event(A, 1, 2, new LogEvent.Split(2, true)));
        p2.acked = true;
        assertThat(ledger.advance()).isEqualTo(new Advance(1, 1, at(3), 3));
        assertThat(ledger.carried()).isZero();
    }

    @Test
    void eventsOfAnOlderGenerationReleaseButNeverCheckpoint() {
        Slot old = ledger.add(event(A, 1, 50));
        Slot fresh = ledger.add(event(A, 2, 3));
        old.acked = true;
        assertThat(ledger.advance()).isEqualTo(new Advance(1, 0, null, 0));
        fresh.acked = true;
        assertThat(ledger.advance()).isEqualTo(new Advance(1, 1, at(4), 1));
    }

    @Test
    void aForgottenStreamNeverCheckpointsUntilANewGeneration() {
        Slot s0 = ledger.add(event(A, 1, 0));
        ledger.forget();
        s0.acked = true;
        assertThat(ledger.advance()).isEqualTo(new Advance(1, 0, null, 0));
        Slot revived = ledger.add(event(A, 2, 0));
        assertThat(ledger.forgotten()).isFalse();
        revived.acked = true;
        assertThat(ledger.advance().checkpoint()).isEqualTo(at(1));
    }
}
