package org.mesoslogstash.simulator.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Parameter;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Volume;
import org.mesoslogstash.simulator.DockerSettings;

/**
 * The {@code docker run} command line with which the Mesos Docker containerizer starts an executor
 * whose ContainerInfo is DOCKER (Mesos' {@code Docker::RunOptions::create} and {@code Docker::run}),
 * in its order: {@code docker -H <socket> run}, {@code --privileged}, {@code --cpu-shares} and
 * {@code --memory} from the resources, {@code -e} for every variable (the agent's executor
 * environment, then {@code MESOS_SANDBOX} and {@code MESOS_DIRECTORY} as the sandbox inside the
 * container, and {@code MESOS_CONTAINER_NAME}), {@code -v} for the ContainerInfo's volumes and then
 * the sandbox, {@code --net}, {@code --entrypoint /bin/sh} when the command is a shell command,
 * {@code --name}, the DockerInfo's parameters as {@code --key=value}, the image and its arguments:
 * {@code -c <value>} for a shell command, else the value (if any) and the arguments, so that a
 * CommandInfo with {@code shell=false} and no value runs the image's entrypoint. Pure.
 */
final class DockerRunCommand {

    /** Mesos' floors: {@code MIN_CPU_SHARES} and {@code MIN_MEMORY}. */
    static final long MIN_CPU_SHARES = 2;
    static final long MIN_MEMORY_BYTES = 32L * 1024 * 1024;
    static final long CPU_SHARES_PER_CPU = 1024;

    private DockerRunCommand() {
    }

    /** The container's name: the prefix and the container id, which is how the agent finds its containers again. */
    static String containerName(DockerSettings docker, ContainerID containerId) {
        return docker.containerNamePrefix() + containerId.getValue();
    }

    /**
     * @param container   the executor's ContainerInfo (type DOCKER)
     * @param command     the executor's CommandInfo
     * @param resources   what the container holds: the executor's resources and its task's
     * @param environment the executor environment the agent computed (with host paths for the sandbox)
     */
    static List<String> argv(DockerSettings docker, String name, ContainerInfo container, CommandInfo command, List<Resource> resources,
            Path sandbox, Map<String, String> environment) throws ExecutorLauncher.LaunchException {
        if (container.getType() != ContainerInfo.Type.DOCKER || !container.hasDocker()) {
            throw failed("No docker info found in container info");
        }
        ContainerInfo.DockerInfo info = container.getDocker();
        if (info.getImage().isBlank()) {
            throw failed("No image in the container's DockerInfo");
        }
        List<String> argv = new ArrayList<>(List.of("docker", "-H", docker.socket(), "run"));
        if (info.getPrivileged()) {
            argv.add("--privileged");
        }
        double cpus = scalar(resources, "cpus");
        if (cpus > 0) {
            argv.addAll(List.of("--cpu-shares", Long.toString(Math.max((long) (CPU_SHARES_PER_CPU * cpus), MIN_CPU_SHARES))));
        }
        double mem = scalar(resources, "mem");
        if (mem > 0) {
            argv.addAll(List.of("--memory", Long.toString(Math.max((long) mem * 1024 * 1024, MIN_MEMORY_BYTES))));
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("MESOS_SANDBOX", docker.sandboxDirectory());
        env.put("MESOS_DIRECTORY", docker.sandboxDirectory());
        env.put("MESOS_CONTAINER_NAME", name);
        env.forEach((key, value) -> argv.addAll(List.of("-e", key + "=" + value)));
        for (Volume volume : container.getVolumesList()) {
            String mount = volume(volume, docker, sandbox);
            if (mount != null) {
                argv.addAll(List.of("-v", mount));
            }
        }
        argv.addAll(List.of("-v", sandbox + ":" + docker.sandboxDirectory()));
        argv.addAll(List.of("--net", network(container)));
        if (info.getPortMappingsCount() > 0) {
            throw failed("Port mappings are not supported by the Mesos simulator");
        }
        boolean shell = !command.hasShell() || command.getShell();
        if (shell) {
            argv.addAll(List.of("--entrypoint", "/bin/sh"));
        }
        argv.addAll(List.of("--name", name));
        for (Parameter parameter : info.getParametersList()) {
            argv.add("--" + parameter.getKey() + "=" + parameter.getValue());
        }
        argv.add(info.getImage());
        if (shell) {
            if (!command.hasValue()) {
                throw failed("Shell specified but no command value provided");
            }
            argv.addAll(List.of("-c", command.getValue()));
        } else {
            if (command.hasValue()) {
                argv.add(command.getValue());
            }
            argv.addAll(command.getArgumentsList());
        }
        return List.copyOf(argv);
    }

    private static String volume(Volume volume, DockerSettings docker, Path sandbox) throws ExecutorLauncher.LaunchException {
        String containerPath = volume.getContainerPath().startsWith("/")
                ? volume.getContainerPath()
                : docker.sandboxDirectory() + "/" + volume.getContainerPath();
        String mode = switch (volume.getMode()) {
            case RW -> ":rw";
            case RO -> ":ro";
        };
        if (volume.hasHostPath()) {
            String host = volume.getHostPath();
            if (!host.startsWith("/") && !volume.getContainerPath().startsWith("/")) {
                throw failed("Both host_path '" + host + "' and container_path '" + volume.getContainerPath() + "' of a volume are relative");
            }
            String source = host.startsWith("/") ? host : sandbox.resolve(host).toString();
            return source + ":" + containerPath + mode;
        }
        if (volume.hasSource()) {
            if (volume.getSource().getType() != Volume.Source.Type.DOCKER_VOLUME) {
                return null; // Mesos ignores the other source types for Docker containers (logged at VLOG)
            }
            return volume.getSource().getDockerVolume().getName() + ":" + containerPath + mode;
        }
        throw failed("Host path or volume source is required");
    }

    private static String network(ContainerInfo container) throws ExecutorLauncher.LaunchException {
        ContainerInfo.DockerInfo info = container.getDocker();
        if (!info.hasNetwork()) {
            return "host";
        }
        return switch (info.getNetwork()) {
            case HOST -> "host";
            case BRIDGE -> "bridge";
            case NONE -> "none";
            case USER -> {
                if (container.getNetworkInfosCount() != 1 || !container.getNetworkInfos(0).hasName()) {
                    throw failed("A USER network needs exactly one network info with a name");
                }
                yield container.getNetworkInfos(0).getName();
            }
        };
    }

    private static double scalar(List<Resource> resources, String name) {
        return resources.stream().filter(r -> r.getName().equals(name) && r.hasScalar()).mapToDouble(r -> r.getScalar().getValue()).sum();
    }

    private static ExecutorLauncher.LaunchException failed(String why) {
        return new ExecutorLauncher.LaunchException("Failed to launch container: " + why, null);
    }
}
