package org.mesoslogstash.executor.event;

import java.util.Objects;

/**
 * Names one log stream: a file inside a container (an absolute path), or the container's
 * {@code stdout} or {@code stderr}. Checkpoints, acknowledgements and statuses are kept per key.
 */
public record StreamKey(String containerId, String source) {

    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";

    public StreamKey {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(source, "source");
        if (!isConsoleSource(source) && !source.startsWith("/")) {
            throw new IllegalArgumentException("a stream source is stdout, stderr or an absolute path, not '" + source + "'");
        }
    }

    public static StreamKey file(String containerId, String absolutePath) {
        return new StreamKey(containerId, absolutePath);
    }

    public static StreamKey stdout(String containerId) {
        return new StreamKey(containerId, STDOUT);
    }

    public static StreamKey stderr(String containerId) {
        return new StreamKey(containerId, STDERR);
    }

    public boolean isConsole() {
        return isConsoleSource(source);
    }

    private static boolean isConsoleSource(String source) {
        return STDOUT.equals(source) || STDERR.equals(source);
    }

    @Override
    public String toString() {
        return containerId.substring(0, Math.min(12, containerId.length())) + ":" + source;
    }
}
