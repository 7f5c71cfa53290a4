package org.mesoslogstash.executor.stream.console;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Splits a Docker log message (with timestamps on) into its timestamp and its bytes. A message
 * without a trailing newline is a partial one: Docker cuts lines longer than 16 KiB into several
 * messages (json-file and local drivers), and only the last ends with the newline.
 */
public final class ConsoleMessageParser {

    /** One message: when Docker received it, its bytes without the newline, and whether a line continues after it. */
    public record ConsoleMessage(Instant timestamp, byte[] line, boolean partial) {
    }

    private ConsoleMessageParser() {
    }

    public static ConsoleMessage parse(byte[] message) {
        int space = -1;
        for (int i = 0; i < Math.min(message.length, 64); i++) {
            if (message[i] == ' ') {
                space = i;
                break;
            }
        }
        if (space < 0) {
            throw new IllegalArgumentException("log message without a timestamp: '" + preview(message) + "'");
        }
        Instant timestamp;
        try {
            timestamp = Instant.parse(new String(message, 0, space, StandardCharsets.US_ASCII));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("log message with a bad timestamp: '" + preview(message) + "'", e);
        }
        boolean partial = message.length == space + 1 || message[message.length - 1] != '\n';
        int end = partial ? message.length : message.length - 1;
        return new ConsoleMessage(timestamp, Arrays.copyOfRange(message, space + 1, end), partial);
    }

    private static String preview(byte[] message) {
        return new String(message, 0, Math.min(message.length, 80), StandardCharsets.UTF_8);
    }
}
