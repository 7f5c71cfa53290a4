package org.mesoslogstash.matching;

import java.util.Objects;
import java.util.Set;

/**
 * An image name taken apart the way Docker reads it, and normalised so that the several spellings
 * of one image compare equal: {@code nginx}, {@code library/nginx}, {@code docker.io/library/nginx}
 * and {@code index.docker.io/library/nginx} all have registry {@code docker.io} and repository
 * {@code library/nginx}.
 *
 * <p>The first path component is a registry only when it contains a {@code .} or a {@code :} or is
 * {@code localhost} (Docker's rule); otherwise the image is on Docker Hub. The tag follows the last
 * {@code :} after the last {@code /}; the digest follows {@code @}. Parsing is lenient, because the
 * names come from the Docker daemon, which has already validated them.
 *
 * @param registry   registry host (and port), lower case; {@code docker.io} for Docker Hub
 * @param repository repository path, with {@code library/} for official Docker Hub images
 * @param tag        the tag, or null when the name has none
 * @param digest     the digest (for example {@code sha256:4b1d...}), or null when the name has none
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    static final String DOCKER_HUB = "docker.io";
    private static final Set<String> DOCKER_HUB_ALIASES = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
    }

    public static ImageReference parse(String image) {
        Parts parts = Parts.split(image);
        return new ImageReference(parts.registry(), parts.repository(), parts.tag(), parts.digest());
    }

    /** The tag Docker would use: the one named, else {@code latest} unless the name is pinned by digest. */
    public String effectiveTag() {
        if (tag != null) {
            return tag;
        }
        return digest == null ? "latest" : null;
    }

    @Override
    public String toString() {
        return registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** The textual split shared by references and patterns; no validation. */
    record Parts(String registry, boolean registryGiven, String repository, String tag, String digest) {

        static Parts split(String image) {
            String rest = image;
            String digest = null;
            int at = rest.indexOf('@');
            if (at >= 0) {
                digest = rest.substring(at + 1);
                rest = rest.substring(0, at);
            }
            String tag = null;
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf('/')) {
                tag = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
            String registry = DOCKER_HUB;
            boolean registryGiven = false;
            int slash = rest.indexOf('/');
            if (slash >= 0) {
                String first = rest.substring(0, slash);
                if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                    registry = first.toLowerCase(java.util.Locale.ROOT);
                    registryGiven = true;
                    rest = rest.substring(slash + 1);
                }
            }
            if (DOCKER_HUB_ALIASES.contains(registry)) {
                registry = DOCKER_HUB;
                if (!rest.contains("/")) {
                    rest = "library/" + rest;
                }
            }
            return new Parts(registry, registryGiven, rest, tag, digest);
        }
    }
}
