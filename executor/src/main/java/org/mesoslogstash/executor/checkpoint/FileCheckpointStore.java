package org.mesoslogstash.executor.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.mesoslogstash.executor.checkpoint.CheckpointCodec.Checkpoint;
import org.mesoslogstash.executor.checkpoint.CheckpointCodec.MalformedCheckpointException;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints as one small file per stream in one directory.
 *
 * <p>The file name is a hash of the stream key (paths inside containers are not safe file names);
 * the key itself is inside the file and checked on load. A save writes a temporary file, forces
 * it to disk, renames it over the old file atomically and forces the directory, so after a crash
 * at any moment the file holds either the old or the new position, never a mix.
 * {@link #saveAll} forces the directory once for the whole batch.
 *
 * <p>A file that cannot be read or fails its checks is renamed to {@code <name>.corrupt}, logged
 * at WARN with its name and the reason, and listed by {@link #quarantined()}: its stream then has
 * no checkpoint (and is read from its start), which the operator is told about, not left to guess.
 * Leftover temporary files from an interrupted save are ignored and deleted.
 *
 * <p>Thread-safe: saves of different streams may run concurrently; concurrent saves of one stream
 * leave one of the saved positions.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private static final Logger log = LoggerFactory.getLogger(FileCheckpointStore.class);
    static final String SUFFIX = ".ckpt";
    static final String TEMP_MARK = ".tmp-";
    static final String CORRUPT_SUFFIX = ".corrupt";

    private final Path dir;
    private final Clock clock;
    private final AtomicLong tempCounter = new AtomicLong();
    private final List<Path> quarantined = new CopyOnWriteArrayList<>();

    public FileCheckpointStore(Path dir, Clock clock) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CheckpointException("create directory for", dir, e);
        }
        deleteTempLeftovers();
    }

    public Path directory() {
        return dir;
    }

    /** Files moved aside as {@code .corrupt} by this store since it was created. */
    public List<Path> quarantined() {
        return List.copyOf(quarantined);
    }

    /** The file that holds {@code stream}'s checkpoint. */
    public Path fileFor(StreamKey stream) {
        return dir.resolve(fileName(stream));
    }

    @Override
    public Optional<Position> load(StreamKey stream) {
        Path file = fileFor(stream);
        return read(file).filter(c -> {
            if (!c.stream().equals(stream)) {
                quarantine(file, "it holds the checkpoint of " + c.stream() + ", not of " + stream);
                return false;
            }
            return true;
        }).map(Checkpoint::position);
    }

    @Override
    public Map<StreamKey, Position> loadAll() {
        Map<StreamKey, Position> all = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                read(file).ifPresent(c -> {
                    if (!fileName(c.stream()).equals(file.getFileName().toString())) {
                        quarantine(file, "its name does not match the stream it names (" + c.stream() + ")");
                    } else {
                        all.put(c.stream(), c.position());
                    }
                });
            }
        } catch (IOException e) {
            throw new CheckpointException("list", dir, e);
        }
        return all;
    }

    @Override
    public void save(StreamKey stream, Position position) {
        saveAll(Map.of(stream, position));
    }

    @Override
    public void saveAll(Map<StreamKey, Position> positions) {
        if (positions.isEmpty()) {
            return;
        }
        Map<Path, Path> renames = new LinkedHashMap<>();
        try {
            for (Map.Entry<StreamKey, Position> e : positions.entrySet()) {
                Path target = fileFor(e.getKey());
                Path temp = dir.resolve(target.getFileName() + TEMP_MARK + tempCounter.incrementAndGet());
                renames.put(temp, target);
                writeDurably(temp, CheckpointCodec.encode(new Checkpoint(e.getKey(), e.getValue(), clock.instant())));
            }
            for (Map.Entry<Path, Path> r : renames.entrySet()) {
                try {
                    Files.move(r.getKey(), r.getValue(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new CheckpointException("rename into place", r.getValue(), e);
                }
            }
        } catch (CheckpointException e) {
            renames.keySet().forEach(FileCheckpointStore::deleteQuietly);
            throw e;
        }
        syncDirectory();
    }

    @Override
    public void remove(StreamKey stream) {
        Path file = fileFor(stream);
        try {
            if (Files.deleteIfExists(file)) {
                syncDirectory();
            }
        } catch (IOException e) {
            throw new CheckpointException("remove", file, e);
        }
    }

    private Optional<Checkpoint> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            quarantine(file, "it cannot be read: " + e);
            return Optional.empty();
        }
        try {
            return Optional.of(CheckpointCodec.decode(bytes));
        } catch (MalformedCheckpointException e) {
            quarantine(file, e.getMessage());
            return Optional.empty();
        }
    }

    private void quarantine(Path file, String reason) {
        Path aside = file.resolveSibling(file.getFileName() + CORRUPT_SUFFIX);
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            quarantined.add(aside);
            log.warn("Checkpoint {} is unusable ({}); moved it to {}. Its stream has no checkpoint and will be read from its start",
                    file, reason, aside);
        } catch (IOException e) {
            // Still not a crash, and still not silent: the stream is treated as new and the operator is told.
            log.warn("Checkpoint {} is unusable ({}) and could not be moved aside ({}); its stream will be read from its start",
                    file, reason, e.toString());
        }
    }

    private static void writeDurably(Path file, byte[] bytes) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new CheckpointException("write", file, e);
        }
    }

    private void syncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            throw new CheckpointException("sync directory of", dir, e);
        }
    }

    private void deleteTempLeftovers() {
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + TEMP_MARK + "*")) {
            files.forEach(leftovers::add);
        } catch (IOException e) {
            throw new CheckpointException("list", dir, e);
        }
        if (!leftovers.isEmpty()) {
            log.info("Deleting {} temporary checkpoint file(s) left by an interrupted save in {}", leftovers.size(), dir);
            leftovers.forEach(FileCheckpointStore::deleteQuietly);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temporary file is harmless (ignored on load, deleted at the next start).
            log.debug("Could not delete temporary checkpoint file {}: {}", file, e.toString());
        }
    }

    static String fileName(StreamKey stream) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(stream.containerId().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(stream.source().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16) + SUFFIX;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
