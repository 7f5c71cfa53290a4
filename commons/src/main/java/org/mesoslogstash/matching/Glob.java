package org.mesoslogstash.matching;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A shell-style wildcard pattern: {@code *} matches any run of characters (including none, and
 * including {@code /}), {@code ?} matches exactly one character, every other character matches
 * itself. There is no escaping, so a literal {@code *} or {@code ?} cannot be matched. A pattern
 * without wildcards is an exact, case-sensitive comparison.
 */
public final class Glob {

    private final String pattern;
    private final Pattern regex;

    private Glob(String pattern) {
        this.pattern = pattern;
        this.regex = hasWildcard(pattern) ? Pattern.compile(toRegex(pattern), Pattern.DOTALL) : null;
    }

    public static Glob of(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return new Glob(pattern);
    }

    public static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    public boolean matches(String text) {
        if (text == null) {
            return false;
        }
        return regex == null ? pattern.equals(text) : regex.matcher(text).matches();
    }

    /** True when this glob is nothing but {@code *}s, so it matches every text. */
    public boolean matchesEverything() {
        return !pattern.isEmpty() && pattern.chars().allMatch(c -> c == '*');
    }

    public String pattern() {
        return pattern;
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Glob glob && glob.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
