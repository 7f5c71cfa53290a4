package org.mesoslogstash.systemtest.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.mesoslogstash.systemtest.faults.DeliveryCheck.Outcome;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures of one run of {@code ReliabilityIT}: per scenario the lines the containers wrote, the
 * documents expected (every agent's executor collects every container, into an index of its own),
 * delivered, lost and duplicated, the duration and the end-to-end rate; the executors' peak memory;
 * the machine and its load. Written as {@code <name>.md} and {@code <name>.json}.
 */
final class ReliabilityReport {

    /** One scenario's figures; {@code outcome} sums every agent's check. */
    record Scenario(String id, String title, int containers, long linesWritten, int agents, Outcome outcome, double seconds, String notes) {

        double documentsPerSecond() {
            return seconds > 0 ? outcome.delivered() / seconds : 0;
        }
    }

    private final Instant started = Instant.now();
    private final String loadAtStart = loadAverage();
    private final List<Scenario> scenarios = new ArrayList<>();

    synchronized void add(Scenario scenario) {
        scenarios.add(scenario);
        System.out.printf("[reliability] %s%n", row(scenario));
    }

    synchronized void write(Path dir, String name, Map<String, ExecutorMemory.Peak> memory, String setup) throws IOException {
        Files.createDirectories(dir);
        String loadAtEnd = loadAverage();
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode root = json.createObjectNode();
        root.put("started", started.toString());
        root.put("finished", Instant.now().toString());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("loadAverageAtStart", loadAtStart);
        root.put("loadAverageAtEnd", loadAtEnd);
        root.put("java", Runtime.version().toString());
        root.put("setup", setup);
        ArrayNode rows = root.putArray("scenarios");
        for (Scenario s : scenarios) {
            ObjectNode row = rows.addObject();
            row.put("id", s.id());
            row.put("title", s.title());
            row.put("containers", s.containers());
            row.put("linesWritten", s.linesWritten());
            row.put("agents", s.agents());
            row.put("documentsExpected", s.outcome().written());
            row.put("delivered", s.outcome().delivered());
            row.put("lost", s.outcome().lost());
            row.put("duplicated", s.outcome().duplicated());
            row.put("misplaced", s.outcome().misplaced());
            row.put("wrongMetadata", s.outcome().wrongMetadata());
            row.put("unexpected", s.outcome().unexpected());
            row.put("seconds", Math.round(s.seconds() * 10) / 10.0);
            row.put("documentsPerSecond", Math.round(s.documentsPerSecond()));
            row.put("notes", s.notes());
            s.outcome().examples().forEach(row.putArray("examples")::add);
        }
        ObjectNode mem = root.putObject("executorMemoryKiB");
        new TreeMap<>(memory).forEach((agent, peak) -> mem.putObject(agent).put("peakRss", peak.rssKib()).put("peakHwm", peak.hwmKib()).put("samples", peak.samples()));
        Files.writeString(dir.resolve(name + ".json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(root));

        StringBuilder md = new StringBuilder();
        md.append("# Reliability run ").append(started).append("\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(Runtime.version())
                .append("; load average at start ").append(loadAtStart).append(", at end ").append(loadAtEnd).append(".\n\n");
        md.append(setup).append("\n\n");
        md.append("| Scenario | Containers | Lines written | Documents expected | Delivered | Lost | Duplicated | Misplaced | Wrong metadata | Time (s) | Documents/s | Notes |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Scenario s : scenarios) {
            md.append("| ").append(row(s)).append(" |\n");
        }
        md.append("\nExecutor memory (RSS sampled every second; VmHWM is the process's own peak):\n\n| Agent | Peak RSS (MiB) | Peak VmHWM (MiB) | Samples |\n|---|---|---|---|\n");
        new TreeMap<>(memory).forEach((agent, peak) -> md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %d |%n", agent, peak.rssKib() / 1024.0,
                peak.hwmKib() / 1024.0, peak.samples())));
        for (Scenario s : scenarios) {
            if (!s.outcome().examples().isEmpty()) {
                md.append("\n").append(s.id()).append(" problems:\n");
                s.outcome().examples().forEach(e -> md.append("- ").append(e).append('\n'));
            }
        }
        Files.writeString(dir.resolve(name + ".md"), md.toString());
    }

    private static String row(Scenario s) {
        Outcome o = s.outcome();
        return String.format(Locale.ROOT, "%s %s | %d | %d | %d | %d | %d | %d | %d | %d | %.1f | %.0f | %s", s.id(), s.title(), s.containers(),
                s.linesWritten(), o.written(), o.delivered(), o.lost(), o.duplicated(), o.misplaced(), o.wrongMetadata(), s.seconds(),
                s.documentsPerSecond(), s.notes());
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
