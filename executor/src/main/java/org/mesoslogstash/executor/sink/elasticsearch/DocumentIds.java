package org.mesoslogstash.executor.sink.elasticsearch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;

/**
 * The {@code _id} of an event's document, derived only from where the line was read, so that the
 * same line read or sent again gets the same id and a {@code create} of it is refused with 409
 * instead of stored twice:
 *
 * <ul>
 *   <li>a file line: container id, path, inode, byte offset, split index and a hash of the line;</li>
 *   <li>a console line: container id, stream, Docker's timestamp, the count of messages seen at that
 *       timestamp, and the split index.</li>
 * </ul>
 *
 * The line's content is part of a file line's id because a {@code copytruncate}d file starts again
 * at offset 0 with the same inode: new lines there must not look like the old ones. The id is the
 * first 128 bits of SHA-256 over these fields, in URL-safe base64 (22 characters). Not thread-safe:
 * one instance per encoding thread.
 */
final class DocumentIds {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final MessageDigest digest;
    private final byte[] scratch = new byte[8];

    DocumentIds() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    String idOf(LogEvent event) {
        digest.reset();
        update(event.stream().containerId());
        update(event.stream().source());
        int split = event.split() == null ? -1 : event.split().index();
        switch (event.resumeAfter()) {
            case Position.InFile file -> {
                digest.update((byte) 'f');
                update(file.inode());
                update(event.offset());
                update(split);
                digest.update(event.line());
            }
            case Position.InConsole console -> {
                digest.update((byte) 'c');
                update(console.timestamp().getEpochSecond());
                update(console.timestamp().getNano());
                update(console.seenAtTimestamp());
                update(split);
            }
        }
        byte[] hash = digest.digest();
        byte[] first128 = new byte[16];
        System.arraycopy(hash, 0, first128, 0, 16);
        return BASE64.encodeToString(first128);
    }

    private void update(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        update(bytes.length);
        digest.update(bytes);
    }

    private void update(long value) {
        for (int i = 0; i < 8; i++) {
            scratch[i] = (byte) (value >>> (56 - 8 * i));
        }
        digest.update(scratch, 0, 8);
    }
}
