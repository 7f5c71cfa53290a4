package org.mesoslogstash.lscl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lowest layer of the parser: the text, the read position, whitespace and comments, the tokens
 * (bare words, strings, numbers, regexps, field references), the nesting limit, and the record of what
 * the grammar expected where, from which the error is made.
 *
 * <p>Errors work as in Treetop: every place where the text did not match what the grammar expected is
 * noted, and when the whole text does not parse, the error is at the furthest such place, naming what
 * would have been accepted there. Each rule method returns null on failure and then leaves {@link #pos}
 * where it found it.
 */
abstract class Cursor {

    static final String SPACE = "whitespace";
    private static final String COMMENT = "a comment";

    /** The text and its length. */
    final String s;
    final int n;
    /** Where the rules read next. */
    int pos;
    /** How deep blocks, lists, hashes and parentheses nest at {@link #pos}. */
    int depth;

    private final int[] lineStarts;
    private final int[] lowSurrogates;
    /** The furthest offset where something expected was missing, and what was expected there. */
    private int failAt = -1;
    private final List<Expectation> expected = new ArrayList<>();

    private static final String BACKSLASH_NOTE = "a backslash before a quote escapes it, even after another"
            + " backslash, so a string cannot end with a backslash";
    /** The last string read whose text holds a backslash and its quote, for the error that may follow it. */
    private int escapedQuoteStringStart = -1;
    private int escapedQuoteStringEnd = -1;

    private record Expectation(String what, Supplier<String> context, boolean quiet) {
    }

    /** Thrown when nesting exceeds {@link Lscl#MAX_DEPTH}; ends the parse. */
    static final class TooDeep extends RuntimeException {
        final int at;

        TooDeep(int at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    Cursor(String text) {
        this.s = text;
        this.n = s.length();
        this.lineStarts = lineStarts(s);
        this.lowSurrogates = lowSurrogates(s);
    }

    // ---------------------------------------------------------------- tokens

    Bareword bareword() {
        return bareword(c -> "to complete the bare word \"" + c + "\" (a bare word has two characters at least;"
                + " quote it: \"" + c + "\")");
    }

    /** {@code [A-Za-z_] [A-Za-z0-9_]+}; {@code tooShort} explains a one-letter word. */
    Bareword bareword(Function<Character, String> tooShort) {
        int start = pos;
        pos++;
        if (pos >= n || !Lexical.isWordChar(s.charAt(pos))) {
            expect(pos, "a letter, digit or _", () -> tooShort.apply(s.charAt(start)), false);
            return reset(start);
        }
        while (pos < n && Lexical.isWordChar(s.charAt(pos))) {
            pos++;
        }
        return new Bareword(s.substring(start, pos), position(start));
    }

    StringLiteral string() {
        int start = pos;
        char quote = s.charAt(pos);
        int end = Lexical.scanQuoted(s, pos + 1, quote);
        if (end < 0) {
            boolean escaped = holdsEscapedQuote(start + 1, n, quote);
            expect(n, "a closing " + quote, () -> "for the string that starts at " + position(start)
                    + (escaped ? " (" + BACKSLASH_NOTE + ")" : ""), false);
            return null;
        }
        pos = end;
        if (holdsEscapedQuote(start + 1, end - 1, quote)) {
            escapedQuoteStringStart = start;
            escapedQuoteStringEnd = end;
        }
        return new StringLiteral(s.substring(start + 1, end - 1), position(start));
    }

    /** Whether {@code s[from, to)} holds a backslash followed by the quote. */
    private boolean holdsEscapedQuote(int from, int to, char quote) {
        for (int i = from; i + 1 < to; i++) {
            if (s.charAt(i) == '\\' && s.charAt(i + 1) == quote) {
                return true;
            }
        }
        return false;
    }

    NumberLiteral number() {
        int start = pos;
        int end = Lexical.numberEnd(s, pos);
        if (end == pos) {
            expect(pos + 1, "a digit", () -> "after \"-\"", false);
            return null;
        }
        pos = end;
        return new NumberLiteral(s.substring(start, end), position(start));
    }

    /** {@code ("[" [^\]\[,]+ "]")+}. */
    Selector selector() {
        int start = pos;
        List<String> elements = new ArrayList<>();
        int p = pos;
        while (p < n && s.charAt(p) == '[') {
            int q = p + 1;
            while (q < n && s.charAt(q) != '[' && s.charAt(q) != ']' && s.charAt(q) != ',') {
                q++;
            }
            if (q == p + 1) {
                expect(q, "a field name", null, true);
                break;
            }
            if (q >= n || s.charAt(q) != ']') {
                int open = p;
                expect(q, "\"]\"", () -> "to close the field reference at " + position(open), false);
                break;
            }
            elements.add(s.substring(p + 1, q));
            p = q + 1;
        }
        if (elements.isEmpty()) {
            return null;
        }
        pos = p;
        return new Selector(elements, position(start));
    }

    RegexpLiteral regexp() {
        int start = pos;
        int end = Lexical.scanQuoted(s, pos + 1, '/');
        if (end < 0) {
            expect(n, "a closing /", () -> "for the regexp that starts at " + position(start), false);
            return null;
        }
        pos = end;
        return new RegexpLiteral(s.substring(start + 1, end - 1), position(start));
    }

    // ---------------------------------------------------------------- lists

    /**
     * {@code (item (cs "," cs item)*)?}, as the grammar's lists and call arguments are: items until
     * one is not followed by a comma, or a comma by no item (the position is then left before that
     * comma, for the caller's closing bracket to be expected there).
     *
     * @param first the first item, or null when there is none
     * @param next  an item after a comma, or null when there is none
     */
    <T> List<T> commaSeparated(Supplier<T> first, Supplier<T> next) {
        List<T> items = new ArrayList<>();
        T item = first.get();
        while (item != null) {
            items.add(item);
            int save = pos;
            cs();
            if (!accept(',')) {
                expect(pos, "\",\"", null, false);
                pos = save;
                break;
            }
            cs();
            item = next.get();
            if (item == null) {
                pos = save;
            }
        }
        return items;
    }

    // ---------------------------------------------------------------- whitespace and comments

    /** {@code (comment / whitespace)*}, where a comment runs from # to the end of the line or the text. */
    void cs() {
        while (true) {
            int p = pos;
            int q = p;
            while (q < n && Lexical.isWhitespace(s.charAt(q))) {
                q++;
            }
            if (q < n && s.charAt(q) == '#') {
                int r = q + 1;
                while (r < n && s.charAt(r) != '\r' && s.charAt(r) != '\n') {
                    r++;
                }
                if (r == n) {
                    pos = n;
                    continue;
                }
                if (s.charAt(r) == '\r') {
                    r++;
                }
                if (r < n && s.charAt(r) == '\n') {
                    pos = r + 1;
                    continue;
                }
                expect(r, "a line break", () -> "after \"\\r\" in the comment", true);
            } else {
                expect(q, COMMENT, null, true);
            }
            if (q > p) {
                pos = q;
                continue;
            }
            expect(p, SPACE, null, true);
            return;
        }
    }

    // ---------------------------------------------------------------- helpers

    boolean accept(char c) {
        if (pos < n && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    <T> T reset(int to) {
        pos = to;
        return null;
    }

    void enter(int at) {
        if (depth >= Lscl.MAX_DEPTH) {
            throw new TooDeep(at);
        }
        depth++;
    }

    void expect(int at, String what, Supplier<String> context, boolean quiet) {
        if (at < failAt) {
            return;
        }
        if (at > failAt) {
            failAt = at;
            expected.clear();
        }
        expected.add(new Expectation(what, context, quiet));
    }

    SyntaxError furthestError() {
        int at = Math.max(failAt, 0);
        List<Expectation> shown = expected.stream().filter(e -> !e.quiet()).toList();
        if (shown.isEmpty()) {
            shown = expected;
        }
        Set<String> labels = new LinkedHashSet<>();
        String context = null;
        for (Expectation expectation : shown) {
            labels.add(expectation.what());
            if (context == null && expectation.context() != null) {
                context = expectation.context().get();
            }
        }
        StringBuilder message = new StringBuilder("expected ");
        List<String> list = new ArrayList<>(labels);
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                message.append(i == list.size() - 1 ? " or " : ", ");
            }
            message.append(list.get(i));
        }
        if (list.isEmpty()) {
            message.append("something else");
        }
        if (context != null) {
            message.append(' ').append(context);
        }
        message.append(", found ").append(found(at));
        if (escapedQuoteStringEnd >= 0 && escapedQuoteStringEnd <= at && s.substring(escapedQuoteStringEnd, at).isBlank()) {
            message.append(" (did the string at ").append(position(escapedQuoteStringStart)).append(" end too late? ")
                    .append(BACKSLASH_NOTE).append(')');
        }
        SourcePosition where = position(at);
        return new SyntaxError(where.line(), where.column(), message.toString());
    }

    /** Names what stands at {@code at}: a word, an operator, one character, or the end of the text. */
    String found(int at) {
        if (at >= n) {
            return "end of input";
        }
        char c = s.charAt(at);
        switch (c) {
            case '\n', '\r' -> {
                return "a line break";
            }
            case '\t' -> {
                return "a tab";
            }
            case ' ' -> {
                return "a space";
            }
            default -> {
            }
        }
        int end = at + 1;
        if (Lexical.isNameChar(c)) {
            while (end < n && end - at < 30 && Lexical.isNameChar(s.charAt(end))) {
                end++;
            }
        } else if ("=!<>~".indexOf(c) >= 0) {
            while (end < n && end - at < 3 && "=!<>~".indexOf(s.charAt(end)) >= 0) {
                end++;
            }
        } else if (Character.isHighSurrogate(c) && end < n) {
            end++;
        }
        int codePoint = s.codePointAt(at);
        if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || Character.getType(codePoint) == Character.FORMAT) {
            return String.format("the invisible character U+%04X", codePoint);
        }
        return "\"" + s.substring(at, end) + "\"";
    }

    /**
     * The line and column of an offset, in O(log n): columns count code points, so the second half of
     * each surrogate pair before the offset on its line is subtracted (their offsets are kept sorted).
     */
    SourcePosition position(int offset) {
        int at = Math.min(offset, n);
        int index = Arrays.binarySearch(lineStarts, at);
        int line = index >= 0 ? index : -index - 2;
        int lineStart = lineStarts[line];
        int pairHalves = countBefore(lowSurrogates, at) - countBefore(lowSurrogates, lineStart);
        return new SourcePosition(line + 1, at - lineStart - pairHalves + 1);
    }

    /** How many of the sorted offsets are below {@code offset}. */
    private static int countBefore(int[] sorted, int offset) {
        int index = Arrays.binarySearch(sorted, offset);
        return index >= 0 ? index : -index - 1;
    }

    private static int[] lowSurrogates(String text) {
        return java.util.stream.IntStream.range(1, text.length())
                .filter(i -> Character.isLowSurrogate(text.charAt(i)) && Character.isHighSurrogate(text.charAt(i - 1)))
                .toArray();
    }

    static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }
}
