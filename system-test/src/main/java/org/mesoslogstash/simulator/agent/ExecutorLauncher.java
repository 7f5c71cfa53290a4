package org.mesoslogstash.simulator.agent;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.mesoslogstash.simulator.DockerSettings;

/**
 * Starts an executor. With a DOCKER ContainerInfo, as the Mesos Docker containerizer does: the
 * CommandInfo's URIs fetched into the sandbox, then {@code docker run} attached (see {@link
 * DockerRunCommand}), its output to the sandbox's stdout and stderr; the image must be present locally,
 * as the simulator never pulls. Otherwise as a plain process, as a Mesos agent's containerizer would without isolation:
 * the CommandInfo's URIs fetched into the sandbox (local files only: copied, made executable if
 * asked), the command run in the sandbox with stdout and stderr going to files there. With
 * {@code shell} (the default) the value runs under {@code /bin/sh -c}; otherwise the value is the
 * program and {@code arguments} its argv, the first being argv[0] as in Mesos (the JDK cannot set
 * argv[0], so it is skipped).
 */
final class ExecutorLauncher {

    /** The executor could not be started; the message says why, for the TASK_FAILED. */
    static final class LaunchException extends Exception {
        private static final long serialVersionUID = 1L;

        LaunchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ExecutorLauncher() {
    }

    /**
     * @param resources what the executor's container holds (its resources and its first task's), for Docker's limits
     */
    static Process launch(ExecutorInfo executor, List<Resource> resources, ContainerID containerId, Path sandbox,
            Map<String, String> environment, DockerSettings docker) throws LaunchException {
        CommandInfo command = executor.getCommand();
        try {
            Files.createDirectories(sandbox);
        } catch (IOException e) {
            throw new LaunchException("Failed to create sandbox " + sandbox + ": " + e.getMessage(), e);
        }
        for (CommandInfo.URI uri : command.getUrisList()) {
            fetch(uri, sandbox);
        }
        if (executor.hasContainer() && executor.getContainer().getType() == ContainerInfo.Type.DOCKER) {
            return launchContainer(executor, resources, containerId, sandbox, environment, docker);
        }
        if (executor.hasContainer() && executor.getContainer().getType() != ContainerInfo.Type.MESOS) {
            throw new LaunchException("Failed to launch container: ContainerInfo of type " + executor.getContainer().getType()
                    + " is not supported by the Mesos simulator", null);
        }
        List<String> argv = new ArrayList<>();
        if (!command.hasShell() || command.getShell()) {
            argv.addAll(List.of("/bin/sh", "-c", command.getValue()));
        } else {
            argv.add(command.getValue());
            argv.addAll(command.getArgumentsList().subList(Math.min(1, command.getArgumentsCount()), command.getArgumentsCount()));
        }
        ProcessBuilder builder = new ProcessBuilder(argv).directory(sandbox.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stdout").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stderr").toFile()));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new LaunchException("Failed to launch container: " + e.getMessage(), e);
        }
    }

    private static Process launchContainer(ExecutorInfo executor, List<Resource> resources, ContainerID containerId, Path sandbox,
            Map<String, String> environment, DockerSettings settings) throws LaunchException {
        String name = DockerRunCommand.containerName(settings, containerId);
        List<String> argv = DockerRunCommand.argv(settings, name, executor.getContainer(), executor.getCommand(), resources, sandbox, environment);
        DockerCli docker = new DockerCli(settings);
        String image = executor.getContainer().getDocker().getImage();
        try {
            if (!docker.imagePresent(image)) {
                throw new LaunchException("Failed to launch container: image '" + image + "' is not present on this host,"
                        + " and the Mesos simulator never pulls (build or load it first)", null);
            }
            return new DockerContainerProcess(docker.run(argv, sandbox.resolve("stdout"), sandbox.resolve("stderr")), docker, name,
                    settings.stopTimeout());
        } catch (DockerCli.DockerException e) {
            throw new LaunchException("Failed to launch container: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new LaunchException("Failed to launch container: could not run docker: " + e.getMessage(), e);
        }
    }

    private static void fetch(CommandInfo.URI uri, Path sandbox) throws LaunchException {
        String value = uri.getValue();
        Path source;
        if (value.startsWith("file://")) {
            source = Path.of(URI.create(value));
        } else if (value.startsWith("/")) {
            source = Path.of(value);
        } else {
            throw new LaunchException("Failed to fetch '" + value + "': the Mesos simulator fetches local files only", null);
        }
        Path target = sandbox.resolve(uri.hasOutputFile() ? uri.getOutputFile() : source.getFileName().toString());
        try {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            if (uri.getExecutable()) {
                target.toFile().setExecutable(true);
            }
        } catch (IOException e) {
            throw new LaunchException("Failed to fetch '" + value + "': " + e, e);
        }
    }
}
