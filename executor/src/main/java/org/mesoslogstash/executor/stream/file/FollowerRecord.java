package org.mesoslogstash.executor.stream.file;

/**
 * One control record of the follower protocol (see {@code follower.sh} for the wire form). The
 * bytes of a {@link Data} record are not part of the record: the decoder hands them over as they
 * arrive, so that a 4 MiB chunk is never copied into a record of its own.
 */
public sealed interface FollowerRecord {

    /** The follower runs; {@code pid} is its process id inside the container. */
    record Started(int version, long pid) implements FollowerRecord {
    }

    /** From here on the bytes come from the file with {@code inode}, starting at {@code offset}. */
    record Opened(long inode, long offset) implements FollowerRecord {
    }

    /** {@code length} bytes of the file follow. */
    record Data(int length) implements FollowerRecord {
    }

    /** Only the first {@code valid} bytes of the previous data record were read; the rest is padding. */
    record ShortRead(int valid) implements FollowerRecord {
    }

    /** The file shrank to {@code size}, below what was read; reading restarts at 0. */
    record Truncated(long size) implements FollowerRecord {
    }

    /**
     * The open file was {@code size} bytes long when the follower last looked (sent only when that
     * changed). Tells how far the end is, for the lag; the offsets come from the data alone.
     */
    record SizeSeen(long size) implements FollowerRecord {
    }

    /** The old file was read to its end; the path now names the file {@code newInode}. */
    record Rotated(long newInode) implements FollowerRecord {
    }

    /** Something an operator should know, that does not end the stream. */
    record Warning(String message) implements FollowerRecord {
    }

    /** The path does not exist; the follower has ended. */
    record Missing() implements FollowerRecord {
    }

    /** The follower cannot go on, for {@code reason}; it has ended. */
    record Failed(String reason) implements FollowerRecord {
    }
}
