package org.mesoslogstash.executor.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;

/**
 * A child JVM saves increasing positions as fast as it can and is killed with SIGKILL at random
 * moments; after each kill, a fresh store must load, for every stream, a valid position at least
 * the last one the child reported saved (it reports only after save returned).
 */
class FileCheckpointStoreKillIT {

    private static final List<StreamKey> KEYS = List.of(StreamKey.stdout("kill-it"), StreamKey.stderr("kill-it"), StreamKey.file("kill-it", "/var/log/a b.log"));
    private static final int ROUNDS = 20;

    @TempDir
    Path dir;

    @Test
    void everyKillLeavesTheLastSavedPositionOrALaterOne() throws Exception {
        Random random = new Random();
        Map<StreamKey, Long> lastReported = new HashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Child.class.getName(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            Map<StreamKey, Long> reported = new ConcurrentHashMap<>();
            AtomicLong saves = new AtomicLong();
            Thread reader = Thread.ofVirtual().start(() -> readReports(child, reported, saves));
            long killAfter = 1 + random.nextInt(150); // saves are fsync-bound: tens to hundreds per second on a shared disk
            while (saves.get() < killAfter && child.isAlive()) {
                Thread.sleep(1);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join();
            reported.forEach((k, v) -> lastReported.merge(k, v, Math::max));

            FileCheckpointStore store = new FileCheckpointStore(dir, Clock.systemUTC());
            Map<StreamKey, Position> loaded = store.loadAll();
            assertThat(store.quarantined()).as("round %d quarantined", round).isEmpty();
            for (Map.Entry<StreamKey, Long> e : lastReported.entrySet()) {
                assertThat(loaded).as("round %d", round).containsKey(e.getKey());
                assertThat(((Position.InFile) loaded.get(e.getKey())).offset()).as("round %d, %s", round, e.getKey())
                        .isGreaterThanOrEqualTo(e.getValue());
            }
            System.out.printf("kill round %d: killed after %d saves, loaded %s%n", round, saves.get(), loaded.values());
        }
    }

    private static void readReports(Process child, Map<StreamKey, Long> reported, AtomicLong saves) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith("saved ")) {
                    continue;
                }
                String[] f = line.split(" ");
                long n = Long.parseLong(f[2]);
                if (f[1].equals("*")) {
                    KEYS.forEach(k -> reported.merge(k, n, Math::max));
                } else {
                    reported.merge(KEYS.get(Integer.parseInt(f[1])), n, Math::max);
                }
                saves.incrementAndGet();
            }
        } catch (IOException e) {
            // The child was killed mid-line; what was read before counts.
        }
    }

    /** The child: saves positions increasing from the largest already stored, forever. */
    public static final class Child {
        public static void main(String[] args) {
            FileCheckpointStore store = new FileCheckpointStore(Path.of(args[0]), Clock.systemUTC());
            long n = store.loadAll().values().stream().mapToLong(p -> ((Position.InFile) p).offset()).max().orElse(0) + 1;
            for (;; n++) {
                if (n % 2 == 0) {
                    Map<StreamKey, Position> all = new HashMap<>();
                    for (StreamKey k : KEYS) {
                        all.put(k, new Position.InFile(1, n));
                    }
                    store.saveAll(all);
                    System.out.println("saved * " + n);
                } else {
                    int k = (int) (n / 2 % KEYS.size());
                    store.save(KEYS.get(k), new Position.InFile(1, n));
                    System.out.println("saved " + k + " " + n);
                }
                System.out.flush();
            }
        }
    }
}
