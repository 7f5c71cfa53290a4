package org.mesoslogstash.executor.collector;

import java.util.Objects;

/**
 * A running container that discovery reported to the collector, with how many streams the rules in
 * force collect from it. A container no rule matches is one too, with no streams: an operator can
 * see it and tell why nothing comes from it.
 *
 * @param id      the full container id
 * @param name    the container name, without Docker's leading slash
 * @param image   the image as the container was created with
 * @param streams how many streams the rules in force collect from it; 0 when it matches no rule
 */
public record DiscoveredContainer(String id, String name, String image, int streams) {

    public DiscoveredContainer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        if (streams < 0) {
            throw new IllegalArgumentException("streams must be 0 or more, was " + streams);
        }
    }
}
