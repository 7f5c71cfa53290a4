package org.mesoslogstash.executor.discovery;

import java.util.Map;
import java.util.Objects;

/**
 * A container as discovery sees it: what matching needs to decide whether a configuration applies,
 * and what events carry as metadata.
 *
 * @param id     full container id
 * @param name   container name without Docker's leading slash
 * @param image  the image name as the container was created with (for example {@code nginx:1.27})
 * @param labels the container's labels
 * @param env    the container's environment (only variables of the form NAME=value)
 */
public record ContainerInfo(String id, String name, String image, Map<String, String> labels, Map<String, String> env) {

    public ContainerInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        labels = Map.copyOf(labels);
        env = Map.copyOf(env);
    }

    public String marathonAppId() {
        return env.get("MARATHON_APP_ID");
    }

    public String mesosTaskId() {
        return env.get("MESOS_TASK_ID");
    }

    public String mesosFrameworkId() {
        return env.get("MESOS_FRAMEWORK_ID");
    }
}
