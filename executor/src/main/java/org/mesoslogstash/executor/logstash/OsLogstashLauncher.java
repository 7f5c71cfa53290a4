package org.mesoslogstash.executor.logstash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@code <home>/bin/logstash --path.settings <work>/settings} as a child process, with
 * {@code LS_JAVA_OPTS} for the heap. Its stdout and stderr go, merged, to
 * {@code <work>/logs/logstash-console.log} (appended, across restarts), and the last
 * {@value #KEPT_LINES} lines are kept for error reports.
 *
 * <p>Logstash's {@code bin/logstash} execs the JVM, so the child's pid is Logstash's own and
 * signals reach it. The pid is written to {@code <work>/logstash.pid}: a Logstash left running by
 * an executor that died is stopped before a new one starts (it would hold the API port and the
 * lock on {@code path.data}).
 */
public final class OsLogstashLauncher implements LogstashLauncher {

    private static final Logger log = LoggerFactory.getLogger(OsLogstashLauncher.class);
    static final int KEPT_LINES = 60;
    static final String CONSOLE_LOG = "logstash-console.log";
    static final String PID_FILE = "logstash.pid";
    private static final Duration LEFTOVER_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration OUTPUT_DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private final ThreadFactory threads;

    public OsLogstashLauncher(ThreadFactory threads) {
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    @Override
    public LogstashProcess launch(LogstashSettings settings) throws LogstashException {
        Path executable = settings.executable();
        if (!Files.isRegularFile(executable)) {
            throw new LogstashException("Logstash not found at " + executable + "; set " + LogstashSettings.ENV_PREFIX + "_HOME"
                    + " to a Logstash installation, or use the executor image, which has Logstash in " + LogstashSettings.DEFAULT_HOME);
        }
        if (!Files.isExecutable(executable)) {
            throw new LogstashException("Logstash at " + executable + " is not executable; make it executable (chmod +x) or fix the Logstash home");
        }
        stopLeftover(settings);
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "--path.settings", settings.settingsDir().toString())
                .directory(settings.workDir().toFile())
                .redirectErrorStream(true);
        builder.environment().put("LS_JAVA_OPTS", settings.javaOpts());
        Process process;
        try {
            Files.createDirectories(settings.logsDir());
            process = builder.start();
            Files.writeString(settings.workDir().resolve(PID_FILE), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new LogstashException("cannot start " + executable + ": " + e.getMessage(), e);
        }
        OsProcess started = new OsProcess(process);
        Thread pump = threads.newThread(() -> started.pump(settings.logsDir().resolve(CONSOLE_LOG)));
        pump.start();
        log.info("Logstash started: pid {}, {} --path.settings {}, LS_JAVA_OPTS={}", process.pid(), executable,
                settings.settingsDir(), settings.javaOpts());
        return started;
    }

    /** Stops the Logstash of a previous executor on this work directory, if it still runs. */
    private static void stopLeftover(LogstashSettings settings) throws LogstashException {
        Path pidFile = settings.workDir().resolve(PID_FILE);
        Optional<ProcessHandle> leftover;
        try {
            if (!Files.isRegularFile(pidFile)) {
                return;
            }
            leftover = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            log.warn("cannot read {} ({}); not looking for a Logstash left running", pidFile, e.toString());
            return;
        }
        // Only a process started on this settings directory: the pid may have been reused since.
        Optional<ProcessHandle> ours = leftover.filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(settings.settingsDir().toString())).orElse(false));
        if (ours.isEmpty()) {
            return;
        }
        ProcessHandle process = ours.get();
        log.warn("a Logstash left running by a previous executor (pid {}) uses {}; stopping it", process.pid(), settings.workDir());
        process.destroy();
        try {
            process.onExit().get(LEFTOVER_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogstashException("interrupted while stopping the Logstash left running (pid " + process.pid() + ")", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class OsProcess implements LogstashProcess {

        private final Process process;
        private final ArrayDeque<String> lastLines = new ArrayDeque<>();
        private final CompletableFuture<Void> outputEnded = new CompletableFuture<>();
        private final CompletableFuture<Integer> exit;

        OsProcess(Process process) {
            this.process = process;
            // Exited once its last output is copied too, so error reports have the lines that tell why.
            this.exit = process.onExit()
                    .thenCompose(p -> outputEnded.completeOnTimeout(null, OUTPUT_DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .thenApply(ignored -> process.exitValue());
        }

        void pump(Path logFile) {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 Writer file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                String line;
                while ((line = out.readLine()) != null) {
                    file.write(line);
                    file.write('\n');
                    file.flush();
                    synchronized (lastLines) {
                        if (lastLines.size() == KEPT_LINES) {
                            lastLines.removeFirst();
                        }
                        lastLines.addLast(line);
                    }
                }
            } catch (IOException e) {
                // The stream closes when the process ends; anything else means its output is lost, which the operator must know.
                if (process.isAlive()) {
                    log.warn("Logstash (pid {}): cannot copy its output to {}: {}", process.pid(), logFile, e.toString());
                }
            } finally {
                outputEnded.complete(null);
            }
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return exit;
        }

        @Override
        public void reload() throws IOException {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).redirectErrorStream(true).start();
            try {
                String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (kill.waitFor() != 0) {
                    throw new IOException("kill -HUP " + process.pid() + " failed (" + kill.exitValue() + "): " + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill.destroyForcibly();
                throw new IOException("interrupted while sending SIGHUP to Logstash", e);
            }
        }

        @Override
        public void terminate() {
            // Through the handle: Process.destroy() would also close our end of its output, losing its last lines.
            process.toHandle().destroy();
        }

        @Override
        public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.toHandle().destroyForcibly();
        }

        @Override
        public List<String> lastOutput() {
            synchronized (lastLines) {
                return List.copyOf(lastLines);
            }
        }
    }
}
