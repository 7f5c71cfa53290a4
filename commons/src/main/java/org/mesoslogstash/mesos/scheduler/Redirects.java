package org.mesoslogstash.mesos.scheduler;

import java.net.URI;
import java.util.Locale;

/**
 * Where a 307 from a non-leading master points. Mesos writes the leader scheme-relative
 * ({@code //host:port/api/v1/scheduler}); its documentation also shows a bare {@code host:port}; an
 * absolute URL is accepted as well. The scheme of the current endpoint is kept unless the location
 * names one, and a location without a path keeps the current path.
 */
final class Redirects {

    private Redirects() {
    }

    static URI resolve(URI current, String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("redirect without a Location header");
        }
        String trimmed = location.strip();
        URI target;
        if (trimmed.startsWith("//")) {
            target = URI.create(current.getScheme() + ":" + trimmed);
        } else if (trimmed.startsWith("/")) {
            target = current.resolve(trimmed);
        } else {
            String lower = trimmed.toLowerCase(Locale.ROOT);
            target = lower.startsWith("http://") || lower.startsWith("https://")
                    ? URI.create(trimmed)
                    : URI.create(current.getScheme() + "://" + trimmed);
        }
        if (target.getHost() == null) {
            throw new IllegalArgumentException("redirect to '" + location + "' names no host");
        }
        if (target.getRawPath() == null || target.getRawPath().isEmpty()) {
            target = target.resolve(current.getRawPath());
        }
        return target;
    }
}
