package org.mesoslogstash.executor.event;

import java.util.Map;
import java.util.Objects;

/**
 * What is known about where a stream's lines come from. It is the same for every event of a
 * stream, which is why encoders may serialise it once per stream.
 *
 * @param containerId      full Docker container id
 * @param containerName    container name without Docker's leading slash
 * @param image            the image name the container was created from (as Docker reports it)
 * @param labels           the container's labels
 * @param agentHost        the host name of the agent the collector runs on
 * @param mesosTaskId      {@code MESOS_TASK_ID} from the container's environment, or null
 * @param mesosFrameworkId {@code MESOS_FRAMEWORK_ID} from the container's environment, or null
 * @param marathonAppId    {@code MARATHON_APP_ID} from the container's environment, or null
 */
public record SourceMetadata(
        String containerId,
        String containerName,
        String image,
        Map<String, String> labels,
        String agentHost,
        String mesosTaskId,
        String mesosFrameworkId,
        String marathonAppId) {

    public SourceMetadata {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(image, "image");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(agentHost, "agentHost");
    }
}
