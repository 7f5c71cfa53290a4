package org.mesoslogstash.systemtest.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.mesoslogstash.systemtest.faults.DeliveryCheck.ContainerFacts;
import org.mesoslogstash.systemtest.faults.DeliveryCheck.WrittenLine;

/**
 * A busybox container on this machine's Docker daemon that writes numbered lines, each round one to
 * each of its files, one to stdout and one to stderr, until told to stop, and keeps a ledger of what
 * it wrote: per file, every line's number and the byte offset it was written at. The ledger (under
 * {@code /ctl}, which no rule collects) is the truth the delivery check compares OpenSearch with.
 *
 * <p>Rotation and copytruncate are done by the writer itself between two rounds when asked (a file
 * under {@code /ctl}), so that the ledger knows where each line went. Before a copytruncate it pauses
 * for 2 s: lines written in the last poll interval before a truncation survive only in the copy, a
 * limit every tailing collector has (docs/collector.md), and this test is not about that race.
 *
 * <p>The container runs with {@code --network none}, {@code MESOS_TASK_ID} set (as Mesos sets it for
 * its tasks) and the given labels, on this machine's daemon or on another one ({@code dockerHost});
 * {@link #close()} removes it.
 */
final class LogWriter implements AutoCloseable {

    static final String IMAGE = "mesos-logstash-test/busybox:latest";

    private final String dockerHost;
    private final ContainerFacts facts;
    private final List<String> files;
    private final boolean console;

    private LogWriter(String dockerHost, ContainerFacts facts, List<String> files, boolean console) {
        this.dockerHost = dockerHost;
        this.facts = facts;
        this.files = files;
        this.console = console;
    }

    /**
     * Starts {@code name} writing a round every {@code period} (zero: as fast as it can) until stopped,
     * or until {@code rounds} rounds when {@code rounds > 0}; lines read {@code <name>-f<k> <n>},
     * {@code <name>-out <n>}, {@code <name>-err <n>}.
     */
    static LogWriter start(String name, Map<String, String> labels, List<String> files, boolean console, Duration period, long rounds) {
        return start(null, name, labels, files, console, period, rounds);
    }

    /** As {@link #start(String, Map, List, boolean, Duration, long)}, on the daemon at {@code dockerHost} (null: this machine's). */
    static LogWriter start(String dockerHost, String name, Map<String, String> labels, List<String> files, boolean console, Duration period,
            long rounds) {
        String taskId = name + ".task";
        List<String> args = new ArrayList<>(List.of("run", "-d", "--network", "none", "--name", name, "-e", "MESOS_TASK_ID=" + taskId));
        labels.forEach((k, v) -> args.addAll(List.of("--label", k + "=" + v)));
        args.addAll(List.of(IMAGE, "sh", "-c", script(name, files, console, period, rounds)));
        String id = DockerCli.runOn(dockerHost, args.toArray(String[]::new));
        return new LogWriter(dockerHost, new ContainerFacts(id, name, IMAGE, taskId), List.copyOf(files), console);
    }

    private static String script(String name, List<String> files, boolean console, Duration period, long rounds) {
        StringBuilder s = new StringBuilder("mkdir -p /ctl; i=0; ");
        for (int k = 0; k < files.size(); k++) {
            s.append("o").append(k).append("=0; ");
        }
        s.append("while [ ! -e /ctl/stop ]").append(rounds > 0 ? " && [ $i -lt " + rounds + " ]" : "").append("; do ");
        for (int k = 0; k < files.size(); k++) {
            String f = files.get(k);
            s.append("if [ -e /ctl/rotate-").append(k).append(" ]; then mv ").append(f).append(' ').append(f).append(".1; o").append(k)
                    .append("=0; rm /ctl/rotate-").append(k).append("; fi; ");
            s.append("if [ -e /ctl/truncate-").append(k).append(" ]; then sleep 2; : > ").append(f).append("; o").append(k)
                    .append("=0; rm /ctl/truncate-").append(k).append("; fi; ");
            s.append("l=\"").append(name).append("-f").append(k).append(" $i\"; echo \"$l\" >> ").append(f)
                    .append("; echo \"$i $o").append(k).append("\" >> /ctl/ledger-").append(k)
                    .append("; o").append(k).append("=$((o").append(k).append(" + ${#l} + 1)); ");
        }
        if (console) {
            s.append("echo \"").append(name).append("-out $i\"; echo \"").append(name).append("-err $i\" >&2; ");
        }
        s.append("i=$((i+1)); ");
        if (!period.isZero()) {
            s.append("sleep ").append(period.toMillis() / 1000.0).append("; ");
        }
        s.append("done; echo $i > /ctl/written.tmp; mv /ctl/written.tmp /ctl/written; exec sleep 100000");
        return s.toString();
    }

    ContainerFacts facts() {
        return facts;
    }

    /** Rounds written so far. */
    long rounds() {
        String out = DockerCli.shOn(dockerHost, facts.id(), "cat /ctl/written 2>/dev/null || (cat /ctl/ledger-0 2>/dev/null | wc -l)");
        return out.isEmpty() ? 0 : Long.parseLong(out.strip());
    }

    /** Between the next two rounds the file is renamed to {@code <file>.1} and written anew (logrotate's default). */
    void rotate(int file) {
        DockerCli.shOn(dockerHost, facts.id(), "touch /ctl/rotate-" + file);
    }

    /** Between the next two rounds, after a 2 s pause, the file is truncated to 0 in place (logrotate's copytruncate). */
    void truncate(int file) {
        DockerCli.shOn(dockerHost, facts.id(), "touch /ctl/truncate-" + file);
    }

    /** Whether the asked rotation or truncation of the file happened. */
    boolean done(int file) {
        return DockerCli.shOn(dockerHost, facts.id(), "ls /ctl").lines().noneMatch(f -> f.equals("rotate-" + file) || f.equals("truncate-" + file));
    }

    /** Stops writing (or waits for the last round of a counted run) and returns every line written, from the ledger. */
    List<WrittenLine> stop() {
        DockerCli.shOn(dockerHost, facts.id(), "touch /ctl/stop");
        return written();
    }

    /** Waits until the writer ended (stopped, or its counted rounds done) and returns every line it wrote, from its ledger. */
    List<WrittenLine> written() {
        StringBuilder dump = new StringBuilder("[ -e /ctl/written ] && { cat /ctl/written; ");
        for (int k = 0; k < files.size(); k++) {
            dump.append("echo --; cat /ctl/ledger-").append(k).append(" 2>/dev/null; ");
        }
        dump.append("} || true");
        AtomicReference<String> ledgers = new AtomicReference<>("");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> !ledgers.updateAndGet(old -> DockerCli.shOn(dockerHost, facts.id(), dump.toString())).isEmpty());
        List<List<String>> parts = new ArrayList<>(List.of(new ArrayList<>()));
        ledgers.get().lines().forEach(line -> {
            if (line.equals("--")) {
                parts.add(new ArrayList<>());
            } else if (!line.isBlank()) {
                parts.get(parts.size() - 1).add(line);
            }
        });
        long rounds = Long.parseLong(parts.get(0).get(0).strip());
        List<WrittenLine> lines = new ArrayList<>();
        for (int k = 0; k < files.size(); k++) {
            String prefix = facts.name() + "-f" + k + " ";
            List<String> ledger = parts.get(k + 1);
            if (ledger.size() != rounds) {
                throw new IllegalStateException(facts.name() + ": ledger of " + files.get(k) + " has " + ledger.size() + " lines, " + rounds + " rounds written");
            }
            for (String entry : ledger) {
                String[] numberAndOffset = entry.split(" ");
                lines.add(new WrittenLine(facts.id(), files.get(k), prefix + numberAndOffset[0], Long.parseLong(numberAndOffset[1])));
            }
        }
        if (console) {
            for (long i = 0; i < rounds; i++) {
                lines.add(new WrittenLine(facts.id(), "stdout", facts.name() + "-out " + i, -1));
                lines.add(new WrittenLine(facts.id(), "stderr", facts.name() + "-err " + i, -1));
            }
        }
        return lines;
    }

    /** Removes the containers of all these writers with one {@code docker rm -f} per daemon. */
    static void removeAll(List<LogWriter> writers) {
        Map<Optional<String>, List<LogWriter>> byDaemon = writers.stream().collect(Collectors.groupingBy(w -> Optional.ofNullable(w.dockerHost)));
        byDaemon.forEach((host, onIt) -> {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            onIt.forEach(w -> args.add(w.facts.id()));
            DockerCli.runOn(host.orElse(null), args.toArray(String[]::new));
        });
    }

    @Override
    public void close() {
        DockerCli.runOn(dockerHost, "rm", "-f", facts.id());
    }
}
