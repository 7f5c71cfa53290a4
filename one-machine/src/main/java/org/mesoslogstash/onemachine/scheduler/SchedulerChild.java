package org.mesoslogstash.onemachine.scheduler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler as operators run it ({@code java -jar mesos-logstash-scheduler-*-exec.jar}, options in
 * its environment), a child of this process, its output in a log file. Closing it sends SIGTERM (the
 * scheduler ends its subscription) and waits, killing it if it does not end in time.
 */
public final class SchedulerChild implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerChild.class);
    private static final long STOP_SECONDS = 30;

    private final Process process;
    private final Path log;

    private SchedulerChild(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static SchedulerChild start(ChildProcesses processes, String java, Path execJar, Map<String, String> environment, Path log)
            throws IOException {
        List<String> command = List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", execJar.toString());
        Process process = processes.start(command, environment, log);
        LOG.info("Scheduler started as pid {}, logging to {}", process.pid(), log);
        return new SchedulerChild(process, log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** The exit code, for a scheduler that ended. */
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("The scheduler did not stop within {} s of SIGTERM; killing it", STOP_SECONDS);
                process.destroyForcibly();
                process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
            LOG.info("Scheduler stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
