package org.mesoslogstash.mesos.recordio;

/** A RecordIO stream was malformed; the message says what was wrong and at which byte. */
public final class RecordIoException extends RuntimeException {

    public RecordIoException(String message) {
        super(message);
    }
}
