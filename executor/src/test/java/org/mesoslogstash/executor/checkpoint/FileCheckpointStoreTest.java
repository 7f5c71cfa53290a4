package org.mesoslogstash.executor.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;

class FileCheckpointStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final StreamKey FILE = StreamKey.file("c1", "/var/log/app.log");
    private static final StreamKey OUT = StreamKey.stdout("c1");

    @TempDir
    Path dir;

    private FileCheckpointStore store() {
        return new FileCheckpointStore(dir, CLOCK);
    }

    @Test
    void savedPositionIsLoadedByANewStore() {
        store().save(FILE, new Position.InFile(5, 100));
        store().save(OUT, new Position.InConsole(Instant.parse("2026-01-01T00:00:01.5Z"), 2));

        FileCheckpointStore reopened = store();
        assertThat(reopened.load(FILE)).contains(new Position.InFile(5, 100));
        assertThat(reopened.loadAll()).containsOnly(
                Map.entry(FILE, new Position.InFile(5, 100)),
                Map.entry(OUT, new Position.InConsole(Instant.parse("2026-01-01T00:00:01.5Z"), 2)));
    }

    @Test
    void laterSaveReplacesEarlier() {
        FileCheckpointStore store = store();
        store.save(FILE, new Position.InFile(5, 100));
        store.save(FILE, new Position.InFile(5, 200));
        assertThat(store.load(FILE)).contains(new Position.InFile(5, 200));
        assertThat(listNames()).containsExactly(FileCheckpointStore.fileName(FILE));
    }

    @Test
    void unknownStreamHasNoCheckpoint() {
        assertThat(store().load(FILE)).isEmpty();
        assertThat(store().loadAll()).isEmpty();
    }

    @Test
    void saveAllWritesEveryPosition() {
        Map<StreamKey, Position> batch = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            batch.put(StreamKey.file("c" + i, "/f"), new Position.InFile(i, i * 10L));
        }
        store().saveAll(batch);
        assertThat(store().loadAll()).isEqualTo(batch);
    }

    @Test
    void removeForgetsTheStream() {
        FileCheckpointStore store = store();
        store.save(FILE, new Position.InFile(5, 100));
        store.remove(FILE);
        store.remove(OUT);
        assertThat(store.load(FILE)).isEmpty();
        assertThat(listNames()).isEmpty();
    }

    @Test
    void corruptFileIsMovedAsideAndReported() throws Exception {
        FileCheckpointStore store = store();
        store.save(FILE, new Position.InFile(5, 100));
        Path file = store.fileFor(FILE);
        Files.writeString(file, Files.readString(file).replace(" 100 ", " 900 "));

        FileCheckpointStore reopened = store();
        assertThat(reopened.load(FILE)).isEmpty();
        Path aside = dir.resolve(file.getFileName() + ".corrupt");
        assertThat(reopened.quarantined()).containsExactly(aside);
        assertThat(aside).exists();
        assertThat(file).doesNotExist();
    }

    @Test
    void corruptFileIsSkippedByLoadAllWithoutLosingTheOthers() throws Exception {
        FileCheckpointStore store = store();
        store.save(FILE, new Position.InFile(5, 100));
        store.save(OUT, new Position.InFile(6, 1));
        Files.write(store.fileFor(FILE), new byte[] {0, 0, 0});

        FileCheckpointStore reopened = store();
        assertThat(reopened.loadAll()).containsOnlyKeys(OUT);
        assertThat(reopened.quarantined()).hasSize(1);
    }

    @Test
    void emptyFileIsCorrupt() throws Exception {
        Files.createFile(store().fileFor(FILE));
        FileCheckpointStore reopened = store();
        assertThat(reopened.load(FILE)).isEmpty();
        assertThat(reopened.quarantined()).hasSize(1);
    }

    @Test
    void fileHoldingAnotherStreamIsCorrupt() throws Exception {
        FileCheckpointStore store = store();
        store.save(OUT, new Position.InFile(1, 1));
        Files.copy(store.fileFor(OUT), store.fileFor(FILE));
        assertThat(store.load(FILE)).isEmpty();
        assertThat(store.quarantined()).hasSize(1);
        assertThat(store.load(OUT)).contains(new Position.InFile(1, 1));
    }

    @Test
    void tempLeftoversAreIgnoredAndDeleted() throws Exception {
        store().save(FILE, new Position.InFile(5, 100));
        Path leftover = dir.resolve(FileCheckpointStore.fileName(FILE) + FileCheckpointStore.TEMP_MARK + "7");
        Files.writeString(leftover, "mlcp 1 file 5 3", StandardCharsets.US_ASCII);

        FileCheckpointStore reopened = store();
        assertThat(reopened.loadAll()).containsOnly(Map.entry(FILE, new Position.InFile(5, 100)));
        assertThat(reopened.quarantined()).isEmpty();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void concurrentSavesLeaveValidCheckpoints() throws Exception {
        FileCheckpointStore store = store();
        int threads = 8;
        int saves = 100;
        List<StreamKey> keys = List.of(FILE, OUT, StreamKey.stderr("c2"));
        Map<StreamKey, Long> maxSaved = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            started.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < saves; i++) {
                    StreamKey key = keys.get((i + id) % keys.size());
                    long offset = (long) i * threads + id;
                    store.save(key, new Position.InFile(1, offset));
                    maxSaved.merge(key, offset, Math::max);
                }
            }));
        }
        start.countDown();
        for (Thread t : started) {
            t.join();
        }

        Map<StreamKey, Position> loaded = store().loadAll();
        assertThat(loaded).containsOnlyKeys(keys);
        loaded.values().forEach(p -> assertThat(p).isInstanceOf(Position.InFile.class));
        assertThat(store.quarantined()).isEmpty();
        assertThat(listNames()).hasSize(keys.size());
    }

    private List<String> listNames() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
