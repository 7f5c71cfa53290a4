package org.mesoslogstash.mesos.recordio;

import java.nio.charset.StandardCharsets;

/** Writes records in RecordIO framing: the decimal length, a line feed, the bytes. */
public final class RecordIo {

    private RecordIo() {
    }

    public static byte[] frame(byte[] record) {
        byte[] header = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[header.length + record.length];
        System.arraycopy(header, 0, framed, 0, header.length);
        System.arraycopy(record, 0, framed, header.length, record.length);
        return framed;
    }
}
