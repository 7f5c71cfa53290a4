package org.mesoslogstash.config;

import java.util.Objects;

/**
 * Something wrong with a configuration, where it is (line and column, 1-based; 0 when it concerns
 * the configuration as a whole, like its name), and whether it stops the configuration (an error)
 * or only deserves a look (a warning).
 */
public record Problem(Severity severity, int line, int column, String message) {

    public enum Severity { ERROR, WARNING }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code error at line 3, column 5: message}, or {@code error: message} without a position. */
    @Override
    public String toString() {
        String kind = severity == Severity.ERROR ? "error" : "warning";
        return line == 0 ? kind + ": " + message : kind + " at line " + line + ", column " + column + ": " + message;
    }
}
