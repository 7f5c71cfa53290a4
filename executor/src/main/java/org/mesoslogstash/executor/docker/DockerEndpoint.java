package org.mesoslogstash.executor.docker;

import java.net.URI;
import java.util.Map;

/**
 * Where the Docker daemon listens. The default is the local unix socket; {@code DOCKER_HOST} may
 * name another socket or a {@code tcp://} address, as for the docker command line.
 */
public record DockerEndpoint(URI uri) {

    public static final URI DEFAULT = URI.create("unix:///var/run/docker.sock");

    public DockerEndpoint {
        String scheme = uri.getScheme();
        if (!"unix".equals(scheme) && !"tcp".equals(scheme)) {
            throw new IllegalArgumentException("DOCKER_HOST must be unix:///path or tcp://host:port, was '" + uri + "'");
        }
    }

    public static DockerEndpoint fromEnvironment(Map<String, String> env) {
        String host = env.get("DOCKER_HOST");
        return new DockerEndpoint(host == null || host.isBlank() ? DEFAULT : URI.create(host.trim()));
    }
}
