package org.mesoslogstash.executor.stream.file;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Decodes the follower's stdout incrementally, whatever the chunking of the input: header lines
 * become {@link FollowerRecord}s, the bytes of data records are passed on as slices of the input
 * buffer without copying. Knows nothing about files, lines or Docker.
 */
public final class FollowerProtocolDecoder {

    /** Receives what the decoder finds, in stream order. */
    public interface Handler {

        void record(FollowerRecord record) throws InterruptedException;

        /** Bytes of the current data record; {@code buffer} is only valid during the call. */
        void data(byte[] buffer, int offset, int length) throws InterruptedException;
    }

    /** Longer header lines mean the stream is not the follower protocol. */
    static final int MAX_HEADER_BYTES = 4096;

    private final Handler handler;
    private final byte[] header = new byte[MAX_HEADER_BYTES];
    private int headerLength;
    private long dataRemaining;

    public FollowerProtocolDecoder(Handler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** True unless a header line or the bytes of a data record are incomplete. */
    public boolean atRecordBoundary() {
        return headerLength == 0 && dataRemaining == 0;
    }

    public void feed(byte[] buffer, int offset, int length) throws FollowerProtocolException, InterruptedException {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            if (dataRemaining > 0) {
                int take = (int) Math.min(dataRemaining, end - position);
                dataRemaining -= take;
                handler.data(buffer, position, take);
                position += take;
                continue;
            }
            int newline = indexOf(buffer, position, end);
            int stop = newline < 0 ? end : newline;
            int add = stop - position;
            if (headerLength + add > MAX_HEADER_BYTES) {
                throw new FollowerProtocolException("follower header line longer than " + MAX_HEADER_BYTES + " bytes: '"
                        + printable(header, headerLength) + "...'");
            }
            System.arraycopy(buffer, position, header, headerLength, add);
            headerLength += add;
            position = stop;
            if (newline >= 0) {
                position++;
                String line = new String(header, 0, headerLength, StandardCharsets.UTF_8);
                headerLength = 0;
                FollowerRecord record = parse(line);
                if (record instanceof FollowerRecord.Data data) {
                    dataRemaining = data.length();
                }
                handler.record(record);
            }
        }
    }

    private static int indexOf(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static FollowerRecord parse(String line) throws FollowerProtocolException {
        if (line.isEmpty()) {
            throw new FollowerProtocolException("empty follower header line");
        }
        String rest = line.length() > 2 && line.charAt(1) == ' ' ? line.substring(2) : "";
        if (line.length() > 1 && line.charAt(1) != ' ') {
            throw bad(line);
        }
        try {
            return switch (line.charAt(0)) {
                case 'S' -> {
                    String[] parts = fields(line, rest, 2);
                    yield new FollowerRecord.Started(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
                }
                case 'O' -> {
                    String[] parts = fields(line, rest, 2);
                    yield new FollowerRecord.Opened(Long.parseLong(parts[0]), nonNegative(line, Long.parseLong(parts[1])));
                }
                case 'D' -> new FollowerRecord.Data((int) nonNegative(line, Integer.parseInt(fields(line, rest, 1)[0])));
                case 'X' -> new FollowerRecord.ShortRead((int) nonNegative(line, Integer.parseInt(fields(line, rest, 1)[0])));
                case 'T' -> new FollowerRecord.Truncated(nonNegative(line, Long.parseLong(fields(line, rest, 1)[0])));
                case 'L' -> new FollowerRecord.SizeSeen(nonNegative(line, Long.parseLong(fields(line, rest, 1)[0])));
                case 'R' -> new FollowerRecord.Rotated(Long.parseLong(fields(line, rest, 1)[0]));
                case 'W' -> new FollowerRecord.Warning(rest);
                case 'M' -> new FollowerRecord.Missing();
                case 'E' -> new FollowerRecord.Failed(rest);
                default -> throw bad(line);
            };
        } catch (NumberFormatException e) {
            throw bad(line);
        }
    }

    private static String[] fields(String line, String rest, int count) throws FollowerProtocolException {
        String[] parts = rest.split(" ", -1);
        if (parts.length != count) {
            throw bad(line);
        }
        return parts;
    }

    private static long nonNegative(String line, long value) throws FollowerProtocolException {
        if (value < 0) {
            throw bad(line);
        }
        return value;
    }

    private static FollowerProtocolException bad(String line) {
        return new FollowerProtocolException("not a follower record: '" + printable(line.getBytes(StandardCharsets.UTF_8), Math.min(line.length(), 200)) + "'");
    }

    private static String printable(byte[] bytes, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xff;
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return text.toString();
    }
}
