package org.mesoslogstash.systemtest.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Samples the resident memory of the executor processes once a second (VmRSS from
 * {@code /proc/<pid>/status}) and keeps, per agent, the peak seen and the process's own high-water mark
 * (VmHWM), which also covers the moments between samples.
 */
final class ExecutorMemory implements AutoCloseable {

    /** Per agent: the peak VmRSS sampled and the peak VmHWM, in KiB; the number of samples. */
    record Peak(long rssKib, long hwmKib, int samples) {
    }

    private final Supplier<Map<String, List<Long>>> pids;
    private final Map<String, Peak> peaks = new TreeMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    ExecutorMemory(Supplier<Map<String, List<Long>>> pids) {
        this.pids = pids;
        this.sampler = Thread.ofVirtual().name("executor-memory").start(this::run);
    }

    private void run() {
        while (running) {
            try {
                sample();
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The cluster is between states (an agent lost, an executor relaunched); the next sample sees it.
                System.out.println("[reliability] memory sample skipped: " + e);
            }
        }
    }

    private void sample() {
        pids.get().forEach((agent, list) -> list.forEach(pid -> {
            long rss = statusKib(pid, "VmRSS:");
            long hwm = statusKib(pid, "VmHWM:");
            if (rss > 0) {
                synchronized (peaks) {
                    Peak old = peaks.getOrDefault(agent, new Peak(0, 0, 0));
                    peaks.put(agent, new Peak(Math.max(old.rssKib(), rss), Math.max(old.hwmKib(), hwm), old.samples() + 1));
                }
            }
        }));
    }

    /** A {@code /proc/<pid>/status} field in KiB; 0 when the process is gone. */
    static long statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
            return 0;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            return 0; // the process ended while being read
        }
    }

    Map<String, Peak> peaks() {
        synchronized (peaks) {
            return Map.copyOf(peaks);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }
}
