package org.mesoslogstash.executor.matching;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mesoslogstash.executor.discovery.ContainerInfo;
import org.mesoslogstash.matching.Glob;
import org.mesoslogstash.matching.ImagePattern;

/**
 * Which containers a log configuration applies to. Every criterion given must hold (AND); a
 * criterion left out (null, or empty for images and labels) does not restrict. Within
 * {@code images}, one matching pattern is enough (OR).
 *
 * <ul>
 *   <li>{@code images}: {@link ImagePattern}s, compared with the image the container was created
 *       with.</li>
 *   <li>{@code labels}: every key must be present on the container, its value matching the
 *       {@link Glob} given (exact when it has no wildcard).</li>
 *   <li>{@code marathonAppId}: a {@link Glob} over the container's {@code MARATHON_APP_ID}; both
 *       sides are read with a leading {@code /}, as Marathon writes app ids, so {@code web} and
 *       {@code /web} are the same.</li>
 *   <li>{@code mesosTaskId}: a {@link Glob} over the container's {@code MESOS_TASK_ID}.</li>
 * </ul>
 *
 * <p>Invalid patterns are rejected when the selector is built, with an
 * {@link IllegalArgumentException} that names the criterion and the pattern.
 */
public final class ContainerSelector {

    /** Selects every container. */
    public static final ContainerSelector ANY = new ContainerSelector(List.of(), Map.of(), null, null);

    private final List<ImagePattern> images;
    private final Map<String, Glob> labels;
    private final Glob marathonAppId;
    private final Glob mesosTaskId;

    public ContainerSelector(List<String> images, Map<String, String> labels, String marathonAppId, String mesosTaskId) {
        this.images = images == null ? List.of() : images.stream().map(ImagePattern::parse).toList();
        this.labels = labels == null ? Map.of() : labelGlobs(labels);
        this.marathonAppId = marathonAppId == null ? null : Glob.of(appId(checked("marathon app id", marathonAppId)));
        this.mesosTaskId = mesosTaskId == null ? null : Glob.of(checked("mesos task id", mesosTaskId));
    }

    public boolean matches(ContainerInfo container) {
        Objects.requireNonNull(container, "container");
        if (!images.isEmpty() && images.stream().noneMatch(pattern -> pattern.matches(container.image()))) {
            return false;
        }
        for (Map.Entry<String, Glob> label : labels.entrySet()) {
            if (!label.getValue().matches(container.labels().get(label.getKey()))) {
                return false;
            }
        }
        if (marathonAppId != null
                && (container.marathonAppId() == null || !marathonAppId.matches(appId(container.marathonAppId())))) {
            return false;
        }
        return mesosTaskId == null || mesosTaskId.matches(container.mesosTaskId());
    }

    @Override
    public String toString() {
        return "ContainerSelector[images=" + images + ", labels=" + labels + ", marathonAppId=" + marathonAppId
                + ", mesosTaskId=" + mesosTaskId + "]";
    }

    private static Map<String, Glob> labelGlobs(Map<String, String> labels) {
        Map<String, Glob> globs = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("invalid label criterion: the label name is empty (value pattern '" + value + "')");
            }
            if (value == null) {
                throw new IllegalArgumentException("invalid label criterion '" + key + "': no value pattern given (use '*' for any value)");
            }
            globs.put(key, Glob.of(value));
        });
        return Map.copyOf(globs);
    }

    private static String checked(String what, String pattern) {
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("invalid " + what + " pattern '" + pattern + "': it is empty");
        }
        if (pattern.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("invalid " + what + " pattern '" + pattern + "': it contains white space");
        }
        return pattern;
    }

    private static String appId(String id) {
        return id.startsWith("/") ? id : "/" + id;
    }
}
