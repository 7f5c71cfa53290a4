package org.mesoslogstash.mesos.recordio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Splits a RecordIO byte stream into records. RecordIO, as Mesos uses it on its streaming
 * endpoints, is a decimal record length in ASCII, a line feed, then that many bytes of record.
 *
 * <p>The decoder knows nothing of Mesos or HTTP: it takes bytes in whatever chunks the transport
 * delivers and hands each complete record to the consumer, in order. It refuses records larger than
 * its maximum rather than buffering without bound, and once it has seen malformed input it stays
 * failed, because the position of the next record can no longer be known.
 *
 * <p>Not thread-safe: one decoder belongs to one stream and is fed from one thread.
 */
public final class RecordIoDecoder {

    /** Enough digits for any length up to {@link Integer#MAX_VALUE}; more can only be garbage. */
    private static final int MAX_LENGTH_DIGITS = 10;

    private final int maxRecordBytes;
    private final Consumer<byte[]> records;

    private long pendingLength = -1;
    private int lengthDigits;
    private long streamOffset;
    private ByteArrayOutputStream record;
    private RecordIoException failure;

    public RecordIoDecoder(int maxRecordBytes, Consumer<byte[]> records) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be positive, was " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
        this.records = records;
    }

    public void decode(byte[] bytes, int offset, int length) {
        decode(ByteBuffer.wrap(bytes, offset, length));
    }

    public void decode(ByteBuffer bytes) {
        if (failure != null) {
            throw failure;
        }
        while (bytes.hasRemaining()) {
            if (record == null) {
                readLength(bytes);
            } else {
                readRecord(bytes);
            }
        }
    }

    /** Whether the stream ended between records, as a well-formed stream does. */
    public boolean isBetweenRecords() {
        return failure == null && record == null && lengthDigits == 0;
    }

    private void readLength(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            streamOffset++;
            if (b == '\n') {
                if (lengthDigits == 0) {
                    throw fail("empty record length");
                }
                startRecord();
                return;
            }
            if (b < '0' || b > '9') {
                throw fail("record length contains byte 0x%02x, expected a decimal digit or line feed".formatted(b & 0xff));
            }
            if (++lengthDigits > MAX_LENGTH_DIGITS) {
                throw fail("record length has more than " + MAX_LENGTH_DIGITS + " digits");
            }
            pendingLength = (lengthDigits == 1 ? 0 : pendingLength) * 10 + (b - '0');
            if (pendingLength > maxRecordBytes) {
                throw fail("record of at least " + pendingLength + " bytes exceeds the maximum of " + maxRecordBytes + " bytes");
            }
        }
    }

    private void startRecord() {
        record = new ByteArrayOutputStream((int) pendingLength);
        lengthDigits = 0;
        if (pendingLength == 0) {
            emit();
        }
    }

    private void readRecord(ByteBuffer bytes) {
        int take = (int) Math.min(bytes.remaining(), pendingLength - record.size());
        record.write(bytes.array(), bytes.arrayOffset() + bytes.position(), take);
        bytes.position(bytes.position() + take);
        streamOffset += take;
        if (record.size() == pendingLength) {
            emit();
        }
    }

    private void emit() {
        byte[] complete = record.toByteArray();
        record = null;
        pendingLength = -1;
        records.accept(complete);
    }

    private RecordIoException fail(String problem) {
        failure = new RecordIoException(problem + " at stream byte " + streamOffset);
        return failure;
    }
}
