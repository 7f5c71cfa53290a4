package org.mesoslogstash.executor.stream.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The follower: a POSIX sh script ({@code follower.sh} beside this class) that runs inside the
 * container, holds the followed file open, and reports its inode, offsets, rotation and
 * truncation in-band with its bytes. Plain {@code tail -F} cannot say which file or offset a byte
 * came from, which is why it is not used.
 */
public final class FollowerScript {

    /** The script without its comments, as passed to {@code sh -c}. */
    static final String SOURCE = load();

    private FollowerScript() {
    }

    /** The command that follows {@code path}, resuming at {@code offset} if the file is {@code inode} (0: unknown). */
    public static List<String> command(String path, long inode, long offset, FileStreamSettings settings) {
        return List.of("sh", "-c", SOURCE, "follower", path, Long.toString(inode), Long.toString(offset),
                Integer.toString(settings.chunkBytes()),
                String.format(java.util.Locale.ROOT, "%.3f", settings.poll().toMillis() / 1000.0),
                Long.toString(settings.heartbeatTimeoutSeconds()));
    }

    private static String load() {
        try (InputStream in = FollowerScript.class.getResourceAsStream("follower.sh")) {
            if (in == null) {
                throw new IllegalStateException("follower.sh is missing from the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines()
                    .filter(line -> !line.stripLeading().startsWith("#"))
                    .collect(Collectors.joining("\n", "", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read follower.sh", e);
        }
    }
}
