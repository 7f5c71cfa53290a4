package org.mesoslogstash.executor.logstash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LogstashStatusTest {

    @Test
    void everyStatusIsDescribedInOperatorsWordsNotAsARecordPrints() {
        assertThat(new LogstashStatus.Stopped().describe()).isEqualTo("stopped");
        assertThat(new LogstashStatus.Starting().describe()).isEqualTo("starting");
        assertThat(new LogstashStatus.Ready(new TreeSet<>(Set.of("b", "a"))).describe()).isEqualTo("ready");
        assertThat(new LogstashStatus.Failed("pipeline x refused").describe()).isEqualTo("failed: pipeline x refused");
        assertThat(new LogstashStatus.Restarting(2, "exit 1").describe()).isEqualTo("restarting, attempt 2 after: exit 1");
    }
}
