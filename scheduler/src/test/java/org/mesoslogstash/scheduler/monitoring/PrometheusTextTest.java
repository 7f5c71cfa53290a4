package org.mesoslogstash.scheduler.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void metricsHaveHelpTypeAndSamplesWithEscapedLabels() {
        Map<String, Long> states = new LinkedHashMap<>();
        states.put("applied", 3L);
        states.put("odd \"one\"\\", 1L);

        String text = new PrometheusText().gauge("up", "1 while up", 1).counter("refused_total", "refused\nchanges", 4)
                .labelled("executors", "gauge", "by state", "state", states).gauge("ratio", "a fraction", 0.25).toString();

        assertThat(text).isEqualTo("""
                # HELP up 1 while up
                # TYPE up gauge
                up 1
                # HELP refused_total refused\\nchanges
                # TYPE refused_total counter
                refused_total 4
                # HELP executors by state
                # TYPE executors gauge
                executors{state="applied"} 3
                executors{state="odd \\"one\\"\\\\"} 1
                # HELP ratio a fraction
                # TYPE ratio gauge
                ratio 0.25
                """);
    }
}
