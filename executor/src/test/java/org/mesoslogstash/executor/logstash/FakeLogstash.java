package org.mesoslogstash.executor.logstash;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A Logstash in memory, for tests of ManagedLogstash's decisions without processes or time: the
 * test sets what the API shows ({@link #running}, {@link #stats}) and what a reload does; a
 * {@link #clock} that only moves when {@link #sleep} is called.
 */
final class FakeLogstash implements LogstashLauncher, LogstashApi {

    final SortedMap<String, String> running = new TreeMap<>();
    final Map<String, PipelineStats> stats = new TreeMap<>();
    final AtomicInteger launches = new AtomicInteger();
    final AtomicInteger reloads = new AtomicInteger();
    volatile Consumer<FakeLogstash> onReload = fake -> { };
    volatile Process process;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T12:00:00Z"));

    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    void sleep(java.time.Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    synchronized void run(String id, String ephemeralId) {
        running.put(id, ephemeralId);
        stats.put(id, new PipelineStats(id, ephemeralId, 0, 0, 0, "persisted", 0, 0, 0, 0, Optional.empty()));
    }

    synchronized void refuse(String id, long failures, String message) {
        PipelineStats old = stats.get(id);
        stats.put(id, new PipelineStats(id, old == null ? "" : old.ephemeralId(), 0, 0, 0, "persisted", 0, 0,
                old == null ? 0 : old.reloadSuccesses(), failures, Optional.of(message)));
    }

    @Override
    public LogstashProcess launch(LogstashSettings settings) {
        launches.incrementAndGet();
        process = new Process();
        return process;
    }

    @Override
    public synchronized SortedMap<String, String> runningPipelines() {
        return new TreeMap<>(running);
    }

    @Override
    public synchronized Map<String, PipelineStats> pipelineStats() {
        return new TreeMap<>(stats);
    }

    final class Process implements LogstashProcess {

        final CompletableFuture<Integer> exit = new CompletableFuture<>();

        @Override
        public long pid() {
            return 4242;
        }

        @Override
        public boolean isAlive() {
            return !exit.isDone();
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return exit;
        }

        @Override
        public void reload() {
            reloads.incrementAndGet();
            onReload.accept(FakeLogstash.this);
        }

        @Override
        public void terminate() {
            exit.complete(143);
        }

        @Override
        public void kill() {
            exit.complete(137);
        }

        @Override
        public List<String> lastOutput() {
            return List.of("[ERROR][logstash.agent] fake output");
        }
    }
}
