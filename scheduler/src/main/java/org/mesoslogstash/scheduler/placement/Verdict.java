package org.mesoslogstash.scheduler.placement;

import java.util.Objects;
import java.util.Optional;

/** One rule's judgement of an offer: accept, or decline with a reason an operator can read. */
public record Verdict(Optional<String> declineReason) {

    private static final Verdict ACCEPT = new Verdict(Optional.empty());

    public Verdict {
        Objects.requireNonNull(declineReason, "declineReason");
    }

    public static Verdict accept() {
        return ACCEPT;
    }

    public static Verdict decline(String reason) {
        return new Verdict(Optional.of(reason));
    }

    public boolean accepted() {
        return declineReason.isEmpty();
    }
}
