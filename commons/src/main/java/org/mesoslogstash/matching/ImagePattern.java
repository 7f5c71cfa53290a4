package org.mesoslogstash.matching;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which images a configuration applies to, written like an image name, with optional wildcards
 * ({@code *} any run of characters including {@code /}, {@code ?} one character).
 *
 * <ul>
 *   <li>Names are normalised as {@link ImageReference} does, so {@code nginx},
 *       {@code library/nginx} and {@code docker.io/library/nginx} are the same pattern.</li>
 *   <li>A pattern without a registry matches Docker Hub images only: {@code nginx} does not match
 *       {@code registry:5000/nginx}; write the registry to match there ({@code registry:5000/nginx},
 *       {@code *.mycorp.com/nginx}).</li>
 *   <li>A pattern without a tag matches every tag and digest: {@code nginx} matches {@code nginx},
 *       {@code nginx:1.27} and {@code nginx@sha256:...}. With a tag, the image's tag must match
 *       ({@code latest} when the image names no tag and no digest): {@code nginx:1.*}.</li>
 *   <li>With a digest ({@code nginx@sha256:...}) the image must name a matching digest.</li>
 *   <li>A repository that is only {@code *} matches every image on every registry: {@code *},
 *       {@code *:latest}.</li>
 * </ul>
 */
public final class ImagePattern {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._\\-/:@*?]+");
    private static final Pattern REPOSITORY_COMPONENT = Pattern.compile("[a-z0-9._\\-*?]+");
    private static final Pattern REGISTRY = Pattern.compile("[a-z0-9.\\-*?]+(:[0-9*?]+)?");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.\\-*?]+");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z0-9_+.\\-*?]+:[A-Fa-f0-9*?]+");

    private final String text;
    private final boolean anyRepository;
    private final Glob registry;
    private final Glob repository;
    private final Glob tag;
    private final Glob digest;

    private ImagePattern(String text, boolean anyRepository, Glob registry, Glob repository, Glob tag, Glob digest) {
        this.text = text;
        this.anyRepository = anyRepository;
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    /**
     * @throws IllegalArgumentException naming the pattern and what is wrong with it
     */
    public static ImagePattern parse(String text) {
        Objects.requireNonNull(text, "image pattern");
        if (text.isEmpty()) {
            throw invalid(text, "it is empty");
        }
        if (!ALLOWED.matcher(text).matches()) {
            throw invalid(text, "it may contain only letters, digits, '.', '_', '-', '/', ':', '@', '*' and '?'");
        }
        if (text.indexOf('@') != text.lastIndexOf('@')) {
            throw invalid(text, "it names more than one digest");
        }
        ImageReference.Parts parts = ImageReference.Parts.split(text);
        if (parts.registryGiven() && !REGISTRY.matcher(parts.registry()).matches()) {
            throw invalid(text, "registry '" + parts.registry() + "' is not a host name with an optional port");
        }
        String repositoryPath = parts.repository();
        if (repositoryPath.isEmpty()) {
            throw invalid(text, "it names no repository");
        }
        for (String component : repositoryPath.split("/", -1)) {
            if (component.isEmpty()) {
                throw invalid(text, "it has an empty path component (a leading, trailing or doubled '/')");
            }
            if (!REPOSITORY_COMPONENT.matcher(component).matches()) {
                throw invalid(text, "repository component '" + component
                        + "' may contain only lower-case letters, digits, '.', '_', '-' and wildcards");
            }
        }
        if (parts.tag() != null && !TAG.matcher(parts.tag()).matches()) {
            throw invalid(text, "tag '" + parts.tag() + "' may contain only letters, digits, '_', '.', '-' and wildcards");
        }
        if (parts.digest() != null && !DIGEST.matcher(parts.digest()).matches()) {
            throw invalid(text, "digest '" + parts.digest() + "' is not of the form algorithm:hex (for example sha256:4b1d...)");
        }
        boolean anyRepository = !parts.registryGiven() && Glob.of(text.split("[:@]", 2)[0]).matchesEverything();
        return new ImagePattern(text, anyRepository, Glob.of(parts.registry()), Glob.of(parts.repository()),
                parts.tag() == null ? null : Glob.of(parts.tag()),
                parts.digest() == null ? null : Glob.of(parts.digest()));
    }

    public boolean matches(String image) {
        return image != null && !image.isEmpty() && matches(ImageReference.parse(image));
    }

    public boolean matches(ImageReference image) {
        if (!anyRepository && !(registry.matches(image.registry()) && repository.matches(image.repository()))) {
            return false;
        }
        if (tag != null && !tag.matches(image.effectiveTag())) {
            return false;
        }
        return digest == null || digest.matches(image.digest());
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("invalid image pattern '" + text + "': " + reason);
    }
}
