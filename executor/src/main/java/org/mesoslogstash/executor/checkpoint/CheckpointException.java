package org.mesoslogstash.executor.checkpoint;

import java.nio.file.Path;

/** A checkpoint could not be read or written; carries the file and what was being done. */
public final class CheckpointException extends RuntimeException {

    private final Path file;

    public CheckpointException(String action, Path file, Throwable cause) {
        super("cannot " + action + " checkpoint " + file + ": " + cause.getMessage(), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
