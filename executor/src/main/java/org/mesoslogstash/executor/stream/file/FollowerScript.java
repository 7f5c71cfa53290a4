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
 * came from, which is why it is not used. A second, tiny script ({@code watchdog.sh}) carries the
 * collector's heartbeats to the follower and kills it when they stop.
 */
public final class FollowerScript {

    /** The scripts without their comments, as passed to {@code sh -c}. */
    static final String SOURCE = load("follower.sh");
    static final String WATCHDOG = load("watchdog.sh");

    private FollowerScript() {
    }

    /** The command that follows {@code path}, resuming at {@code offset} if the file is {@code inode} (0: unknown). */
    public static List<String> command(String path, long inode, long offset, FileStreamSettings settings) {
        return List.of("sh", "-c", SOURCE, "follower", path, Long.toString(inode), Long.toString(offset),
                Integer.toString(settings.chunkBytes()),
                String.format(java.util.Locale.ROOT, "%.3f", settings.poll().toMillis() / 1000.0),
                Long.toString((settings.heartbeatTimeoutSeconds() * 1000 + settings.poll().toMillis() - 1) / settings.poll().toMillis()));
    }

    /** The command that keeps the follower with process id {@code pid} alive while heartbeats arrive on its stdin. */
    public static List<String> watchdogCommand(long pid, FileStreamSettings settings) {
        return List.of("sh", "-c", WATCHDOG, "watchdog", Long.toString(pid), Long.toString(settings.heartbeatTimeoutSeconds()));
    }

    private static String load(String name) {
        try (InputStream in = FollowerScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines()
                    .filter(line -> !line.stripLeading().startsWith("#"))
                    .collect(Collectors.joining("\n", "", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
