package org.mesoslogstash.executor.checkpoint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.CRC32;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.StreamKey;

/**
 * The on-disk form of one checkpoint: a single, versioned, self-checking text line.
 *
 * <pre>
 * mlcp 1 file &lt;inode&gt; &lt;offset&gt; &lt;containerId&gt; &lt;source&gt; &lt;savedAtMillis&gt; crc32=&lt;8 hex&gt;\n
 * mlcp 1 console &lt;epochSecond&gt; &lt;nano&gt; &lt;seenAtTimestamp&gt; &lt;containerId&gt; &lt;source&gt; &lt;savedAtMillis&gt; crc32=&lt;8 hex&gt;\n
 * </pre>
 *
 * Container id and source are base64url without padding, so a path with spaces or newlines cannot
 * break the line. The CRC32 covers every byte before {@code " crc32="}; the trailing newline proves
 * the write was not cut short. A line that fails any check is rejected as a whole: a checkpoint
 * is either exactly what was saved or it is reported as corrupt, never "close enough".
 */
public final class CheckpointCodec {

    /** One decoded checkpoint. {@code savedAt} is informative (for operators reading the file). */
    public record Checkpoint(StreamKey stream, Position position, Instant savedAt) {
        public Checkpoint {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(savedAt, "savedAt");
        }
    }

    /** The bytes are not a valid checkpoint; the message says which check failed. */
    public static final class MalformedCheckpointException extends Exception {
        public MalformedCheckpointException(String message) {
            super(message);
        }

        public MalformedCheckpointException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final String MAGIC = "mlcp";
    static final String VERSION = "1";
    private static final String CRC_PREFIX = " crc32=";
    private static final int MAX_BYTES = 64 * 1024;

    private CheckpointCodec() {
    }

    public static byte[] encode(Checkpoint checkpoint) {
        StringBuilder body = new StringBuilder(128).append(MAGIC).append(' ').append(VERSION).append(' ');
        switch (checkpoint.position()) {
            case Position.InFile f -> body.append("file ").append(f.inode()).append(' ').append(f.offset());
            case Position.InConsole c -> body.append("console ")
                    .append(c.timestamp().getEpochSecond()).append(' ')
                    .append(c.timestamp().getNano()).append(' ')
                    .append(c.seenAtTimestamp());
        }
        body.append(' ').append(b64(checkpoint.stream().containerId()))
                .append(' ').append(b64(checkpoint.stream().source()))
                .append(' ').append(checkpoint.savedAt().toEpochMilli());
        byte[] bodyBytes = body.toString().getBytes(StandardCharsets.US_ASCII);
        String line = body + CRC_PREFIX + String.format("%08x", crc(bodyBytes, bodyBytes.length)) + "\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    public static Checkpoint decode(byte[] bytes) throws MalformedCheckpointException {
        if (bytes.length == 0) {
            throw new MalformedCheckpointException("empty file");
        }
        if (bytes.length > MAX_BYTES) {
            throw new MalformedCheckpointException("too long (" + bytes.length + " bytes) for a checkpoint");
        }
        if (bytes[bytes.length - 1] != '\n') {
            throw new MalformedCheckpointException("no terminating newline (truncated write?)");
        }
        String line = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
        int crcAt = line.lastIndexOf(CRC_PREFIX);
        if (crcAt < 0) {
            throw new MalformedCheckpointException("no crc32 field");
        }
        String crcText = line.substring(crcAt + CRC_PREFIX.length());
        long expected;
        try {
            if (crcText.length() != 8) {
                throw new NumberFormatException("length " + crcText.length());
            }
            expected = Long.parseLong(crcText, 16);
        } catch (NumberFormatException e) {
            throw new MalformedCheckpointException("crc32 field '" + crcText + "' is not 8 hex digits", e);
        }
        long actual = crc(bytes, crcAt);
        if (actual != expected) {
            throw new MalformedCheckpointException(String.format("crc32 mismatch: stored %08x, computed %08x", expected, actual));
        }
        String[] f = line.substring(0, crcAt).split(" ", -1);
        if (f.length < 3 || !MAGIC.equals(f[0])) {
            throw new MalformedCheckpointException("not a checkpoint (no '" + MAGIC + "' header)");
        }
        if (!VERSION.equals(f[1])) {
            throw new MalformedCheckpointException("unsupported checkpoint version '" + f[1] + "', this collector reads version " + VERSION);
        }
        try {
            return switch (f[2]) {
                case "file" -> {
                    expectFields(f, 8);
                    yield new Checkpoint(new StreamKey(unb64(f[5]), unb64(f[6])),
                            new Position.InFile(Long.parseLong(f[3]), Long.parseLong(f[4])),
                            Instant.ofEpochMilli(Long.parseLong(f[7])));
                }
                case "console" -> {
                    expectFields(f, 9);
                    yield new Checkpoint(new StreamKey(unb64(f[6]), unb64(f[7])),
                            new Position.InConsole(Instant.ofEpochSecond(Long.parseLong(f[3]), Long.parseLong(f[4])), Long.parseLong(f[5])),
                            Instant.ofEpochMilli(Long.parseLong(f[8])));
                }
                default -> throw new MalformedCheckpointException("unknown position type '" + f[2] + "'");
            };
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new MalformedCheckpointException("invalid field: " + e.getMessage(), e);
        }
    }

    private static void expectFields(String[] f, int count) throws MalformedCheckpointException {
        if (f.length != count) {
            throw new MalformedCheckpointException(f[2] + " checkpoint has " + f.length + " fields, expected " + count);
        }
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
