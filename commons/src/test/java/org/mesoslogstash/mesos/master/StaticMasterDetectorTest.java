package org.mesoslogstash.mesos.master;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class StaticMasterDetectorTest {

    private static final URI M1 = URI.create("http://m1:5050");
    private static final URI M2 = URI.create("http://m2:5050");

    @Test
    void startsWithTheFirstMaster() {
        assertThat(new StaticMasterDetector(List.of(M1, M2)).leader()).contains(M1);
    }

    @Test
    void movesToTheNextMasterWhenTheCurrentOneIsUnreachable() {
        StaticMasterDetector detector = new StaticMasterDetector(List.of(M1, M2));

        detector.unreachable(M1);
        assertThat(detector.leader()).contains(M2);
        detector.unreachable(M2);
        assertThat(detector.leader()).contains(M1);
    }

    @Test
    void ignoresAFailureOfAMasterThatIsNotCurrent() {
        StaticMasterDetector detector = new StaticMasterDetector(List.of(M1, M2));

        detector.unreachable(URI.create("http://leader:5050"));

        assertThat(detector.leader()).contains(M1);
    }
}
