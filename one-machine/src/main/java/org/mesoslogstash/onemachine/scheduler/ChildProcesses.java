package org.mesoslogstash.onemachine.scheduler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts child processes, their output appended to a log file. */
@FunctionalInterface
public interface ChildProcesses {

    /** @param environment added to (and overriding) this process's environment */
    Process start(List<String> command, Map<String, String> environment, Path log) throws IOException;

    ChildProcesses REAL = (command, environment, log) -> {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    };
}
