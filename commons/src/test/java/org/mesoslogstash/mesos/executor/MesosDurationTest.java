package org.mesoslogstash.mesos.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MesosDurationTest {

    @ParameterizedTest
    @CsvSource({
            "15mins, PT15M",
            "5secs, PT5S",
            "1hrs, PT1H",
            "100ms, PT0.1S",
            "2days, PT48H",
            "1weeks, PT168H",
            "250us, PT0.00025S",
            "7ns, PT0.000000007S",
            "1.5secs, PT1.5S",
            "0.5mins, PT30S",
            ".5secs, PT0.5S",
            "0ns, PT0S",
            "3.5ns, PT0.000000004S",
    })
    void parsesEveryMesosUnit(String text, Duration expected) {
        assertThat(MesosDuration.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15", "mins", "15 mins", "15min", "15m", "15s", "-5secs", "1.2.3secs", ".secs", "5SECS", "1e3ms"})
    void refusesWhatMesosRefuses(String text) {
        assertThatThrownBy(() -> MesosDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("15mins");
    }

    @ParameterizedTest
    @ValueSource(strings = {"15", "15min"})
    void namesTheProblemWithTheUnit(String text) {
        assertThatThrownBy(() -> MesosDuration.parse(text)).hasMessageContaining("'" + text + "'").hasMessageContaining("unit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999weeks"})
    void refusesDurationsBeyondRange(String text) {
        assertThatThrownBy(() -> MesosDuration.parse(text)).hasMessageContaining("too long");
    }
}
