package org.mesoslogstash.lscl;

import java.util.Objects;

/**
 * Why a configuration does not parse, and where: line and column are 1-based, columns count
 * characters.
 */
public record SyntaxError(int line, int column, String message) {

    public SyntaxError {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + message;
    }
}
