package org.mesoslogstash.mesos.scheduler;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** A framework principal and its secret, sent as HTTP Basic authentication on every request. */
public record Credential(String principal, String secret) {

    public Credential {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(secret, "secret");
        if (principal.isEmpty() || principal.contains(":")) {
            throw new IllegalArgumentException("principal must be non-empty and contain no ':', was '" + principal + "'");
        }
    }

    String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((principal + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credential[principal=" + principal + ", secret=***]";
    }
}
