package org.mesoslogstash.scheduler.monitoring;

import java.util.Map;

/**
 * Writes metrics in the Prometheus text exposition format (version 0.0.4): per metric a HELP and a TYPE
 * line, then its samples, labels quoted with {@code \}, {@code "} and newlines escaped.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder();

    PrometheusText gauge(String name, String help, double value) {
        return metric(name, "gauge", help, value);
    }

    PrometheusText counter(String name, String help, double value) {
        return metric(name, "counter", help, value);
    }

    /** A metric whose samples carry one label each, e.g. {@code state="applied"}. */
    PrometheusText labelled(String name, String type, String help, String label, Map<String, ? extends Number> samples) {
        header(name, type, help);
        samples.forEach((value, number) -> out.append(name).append('{').append(label).append("=\"").append(escape(value)).append("\"} ")
                .append(format(number.doubleValue())).append('\n'));
        return this;
    }

    private PrometheusText metric(String name, String type, String help, double value) {
        header(name, type, help);
        out.append(name).append(' ').append(format(value)).append('\n');
        return this;
    }

    private void header(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
