package org.mesoslogstash.lscl;

import java.util.Objects;

/** The character classes of the grammar, shared by the parser, the printer and the node checks. */
final class Lexical {

    private Lexical() {
    }

    /** {@code [A-Za-z0-9_-]}: plugin and attribute names. */
    static boolean isNameChar(char c) {
        return isWordChar(c) || c == '-';
    }

    /** {@code [A-Za-z0-9_]}. */
    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** {@code [A-Za-z_]}. */
    static boolean isBarewordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code [ \t\r\n]}. */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    static boolean isBareName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isBareword(String s) {
        return s.length() >= 2 && isBarewordStart(s.charAt(0)) && wordCharsFrom(s, 1) == s.length();
    }

    static boolean isNumber(String s) {
        return numberEnd(s, 0) == s.length() && !s.isEmpty();
    }

    /** The end of the longest number at {@code from}, or {@code from} when none starts there. */
    static int numberEnd(CharSequence s, int from) {
        int i = from;
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        int digits = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digits) {
            return from;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
        }
        return i;
    }

    private static int wordCharsFrom(String s, int from) {
        int i = from;
        while (i < s.length() && isWordChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Scans a quoted text the way the grammar does ({@code ( '\"' / !'"' . )* '"'} for double quotes,
     * the same for {@code '} and for the slashes of a regexp): from just after the opening quote to
     * just after the closing one. A backslash escapes only the quote; {@code \\} is not an escape here.
     *
     * @return the index just after the closing quote, or -1 when the text ends first
     */
    static int scanQuoted(CharSequence s, int from, char quote) {
        int i = from;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n && s.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Whether {@code content} reads back as itself when written between two {@code quote}s. */
    static boolean fitsBetween(String content, char quote) {
        return scanQuoted(content + quote, 0, quote) == content.length() + 1;
    }

    static void requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!isBareName(name) && !fitsBetween(name, '"') && !fitsBetween(name, '\'')) {
            throw new IllegalArgumentException("a " + what + " is [A-Za-z0-9_-]+ or text that fits between quotes, was "
                    + name);
        }
    }
}
