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
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;

/**
 * Starts an executor as a plain process, as a Mesos agent's containerizer would without isolation:
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

    static Process launch(ExecutorInfo executor, Path sandbox, Map<String, String> environment) throws LaunchException {
        if (executor.hasContainer() && executor.getContainer().getType() == ContainerInfo.Type.DOCKER) {
            throw new LaunchException("Failed to launch container: the Mesos simulator runs executors as plain processes;"
                    + " ContainerInfo of type DOCKER is not supported (launch the executor as a command)", null);
        }
        CommandInfo command = executor.getCommand();
        try {
            Files.createDirectories(sandbox);
        } catch (IOException e) {
            throw new LaunchException("Failed to create sandbox " + sandbox + ": " + e.getMessage(), e);
        }
        for (CommandInfo.URI uri : command.getUrisList()) {
            fetch(uri, sandbox);
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
