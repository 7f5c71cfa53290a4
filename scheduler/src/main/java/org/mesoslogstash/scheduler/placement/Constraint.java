package org.mesoslogstash.scheduler.placement;

import java.util.List;

/** An agent attribute that must have a given value for the agent to get an executor ({@code rack:r1}). */
public record Constraint(String attribute, String value) {

    public static Constraint parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 1 || colon == text.length() - 1) {
            throw new IllegalArgumentException("Invalid constraint '" + text + "': expected attribute:value, e.g. rack:r1");
        }
        return new Constraint(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
    }

    public static List<Constraint> parseAll(List<String> texts) {
        return texts.stream().map(Constraint::parse).toList();
    }

    @Override
    public String toString() {
        return attribute + ":" + value;
    }
}
