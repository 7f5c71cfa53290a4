package org.mesoslogstash.lscl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A recursive-descent reading of Logstash's PEG grammar (lscl_grammar.treetop), rule by rule, with the
 * same ordered choices, in three layers: {@link Cursor} (tokens, whitespace, comments, errors),
 * {@link ConditionParser} (branches and conditions) and this class (sections, plugins, attributes and
 * values). Where the grammar tries alternatives that start alike, the common start is read once, so that
 * nothing is read more than a bounded number of times and time stays linear in the size of the text.
 *
 * <p>One instance parses one text; not thread-safe.
 */
final class Parser extends ConditionParser {

    Parser(String text) {
        super(text);
    }

    ParseResult parse() {
        try {
            PipelineConfig config = config();
            if (config != null) {
                return new ParseResult.Parsed(config);
            }
            return new ParseResult.Invalid(List.of(furthestError()));
        } catch (TooDeep e) {
            SourcePosition at = position(e.at);
            return new ParseResult.Invalid(List.of(new SyntaxError(at.line(), at.column(),
                    "nesting deeper than " + Lscl.MAX_DEPTH + " levels (blocks, lists, hashes and parentheses"
                            + " together); this parser refuses it")));
        }
    }

    // ---------------------------------------------------------------- config and sections

    private PipelineConfig config() {
        List<Section> sections = new ArrayList<>();
        while (true) {
            int save = pos;
            cs();
            Section section = section();
            if (section == null) {
                pos = save;
                break;
            }
            sections.add(section);
        }
        cs();
        if (pos != n) {
            expect(pos, "a section (input, filter or output)", null, false);
            return null;
        }
        return new PipelineConfig(sections);
    }

    private Section section() {
        int start = pos;
        SectionType type = null;
        for (SectionType candidate : SectionType.values()) {
            if (s.startsWith(candidate.keyword(), pos)) {
                type = candidate;
                break;
            }
        }
        if (type == null) {
            expect(pos, "a section (input, filter or output)", null, false);
            return null;
        }
        String keyword = type.keyword();
        pos += keyword.length();
        cs();
        if (!accept('{')) {
            expect(pos, "\"{\"", () -> "after the section name \"" + keyword + "\"", false);
            return reset(start);
        }
        enter(pos - 1);
        try {
            cs();
            List<Statement> body = statements();
            if (!accept('}')) {
                expect(pos, "\"}\"", () -> "to close the " + keyword + " section at " + position(start), false);
                return reset(start);
            }
            return new Section(type, body, position(start));
        } finally {
            depth--;
        }
    }

    /** {@code (branch_or_plugin cs)*}, as in sections and branch blocks. */
    @Override
    List<Statement> statements() {
        List<Statement> body = new ArrayList<>();
        while (true) {
            Statement statement = branchOrPlugin();
            if (statement == null) {
                return body;
            }
            body.add(statement);
            cs();
        }
    }

    private Statement branchOrPlugin() {
        if (s.startsWith("if", pos)) {
            Branch branch = branch();
            if (branch != null) {
                return branch;
            }
        } else {
            expect(pos, "\"if\"", null, false);
        }
        return plugin(false, null);
    }

    // ---------------------------------------------------------------- plugins and values

    /**
     * {@code name cs "{" cs (attribute (whitespace cs attribute)*)? cs "}"}.
     *
     * @param asValue   whether it stands as an attribute value (where a name without "{" is usually
     *                  another kind of value, so the missing "{" is not worth naming in an error)
     * @param nameHint  said after the missing "{", or null
     */
    private Plugin plugin(boolean asValue, String nameHint) {
        int start = pos;
        String name = name("a plugin");
        if (name == null) {
            return null;
        }
        cs();
        if (!accept('{')) {
            expect(pos, "\"{\"", () -> nameHint != null ? nameHint : "after the plugin name \"" + name + "\"",
                    asValue && nameHint == null);
            return reset(start);
        }
        enter(pos - 1);
        try {
            cs();
            List<Attribute> attributes = new ArrayList<>();
            boolean commentWithoutSpace = false;
            String note = name.equals("else")
                    ? " (an \"else\" that follows no if block reads as a plugin named \"else\")"
                    : isSectionName(name) ? " (\"" + name + "\" reads as a plugin here: is a \"}\" missing before it?)"
                    : "";
            Attribute first = attribute(note);
            if (first != null) {
                attributes.add(first);
                while (true) {
                    int save = pos;
                    if (pos >= n || !Lexical.isWhitespace(s.charAt(pos))) {
                        expect(pos, SPACE, null, true);
                        commentWithoutSpace = pos < n && s.charAt(pos) == '#';
                        break;
                    }
                    while (pos < n && Lexical.isWhitespace(s.charAt(pos))) {
                        pos++;
                    }
                    cs();
                    Attribute next = attribute(note);
                    if (next == null) {
                        pos = save;
                        break;
                    }
                    attributes.add(next);
                }
            }
            cs();
            if (!accept('}')) {
                boolean glued = commentWithoutSpace;
                expect(pos, "\"}\"", () -> "to close the plugin \"" + name + "\" at " + position(start)
                        + (glued ? " (a comment right after a value needs a space before its #)" : note), false);
                return reset(start);
            }
            return new Plugin(name, attributes, position(start));
        } finally {
            depth--;
        }
    }

    private static boolean isSectionName(String name) {
        for (SectionType type : SectionType.values()) {
            if (type.keyword().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code name}: {@code [A-Za-z0-9_-]+} or a quoted string; returns the name without quotes. */
    private String name(String what) {
        if (pos < n && Lexical.isNameChar(s.charAt(pos))) {
            int start = pos;
            while (pos < n && Lexical.isNameChar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }
        if (pos < n && (s.charAt(pos) == '"' || s.charAt(pos) == '\'')) {
            StringLiteral quoted = string();
            return quoted == null ? null : quoted.text();
        }
        expect(pos, what, null, false);
        return null;
    }

    /** {@code name cs "=>" cs value}; {@code note} is added to the explanation of a missing "=>". */
    private Attribute attribute(String note) {
        int start = pos;
        String name = name("an attribute");
        if (name == null) {
            return null;
        }
        cs();
        if (!s.startsWith("=>", pos)) {
            expect(pos, "\"=>\"", () -> "after the attribute name \"" + name + "\"" + note, false);
            return reset(start);
        }
        pos += 2;
        cs();
        Value value = value(() -> "for the attribute \"" + name + "\"");
        if (value == null) {
            return reset(start);
        }
        return new Attribute(name, value, position(start));
    }

    /** {@code plugin / bareword / string / number / array / hash}. */
    private Value value(Supplier<String> context) {
        if (pos >= n) {
            expect(pos, "a value", context, false);
            return null;
        }
        char c = s.charAt(pos);
        if (Lexical.isNameChar(c) || c == '"' || c == '\'') {
            Plugin plugin = plugin(true, hintIfNotAValue());
            if (plugin != null) {
                return plugin;
            }
        }
        if (Lexical.isBarewordStart(c)) {
            return bareword();
        }
        if (c == '"' || c == '\'') {
            return string();
        }
        if (c == '-' || Lexical.isDigit(c)) {
            return number();
        }
        if (c == '[') {
            return array(false);
        }
        if (c == '{') {
            return hash();
        }
        expect(pos, "a value", context, false);
        return null;
    }

    /**
     * When the name at {@link #pos} is no value by itself (a single letter, a word with "-", ...), the
     * grammar can only read it as a codec name, so the missing "{" is the error to explain.
     */
    private String hintIfNotAValue() {
        char c = s.charAt(pos);
        if (c == '"' || c == '\'') {
            return null;
        }
        int end = pos;
        while (end < n && Lexical.isNameChar(s.charAt(end))) {
            end++;
        }
        String word = s.substring(pos, end);
        if (Lexical.isBareword(word) || Lexical.isNumber(word)) {
            return null;
        }
        return "after \"" + word + "\" (read as a codec name: a bare word value needs two characters at least"
                + " and only letters, digits or _; otherwise quote it)";
    }

    /** {@code "[" cs (value (cs "," cs value)*)? cs "]"}. */
    @Override
    ArrayValue array(boolean inCondition) {
        int start = pos;
        enter(pos);
        try {
            pos++;
            cs();
            List<Value> elements = commaSeparated(() -> value(() -> "in the list"), () -> value(() -> "after \",\" in the list"));
            cs();
            if (!accept(']')) {
                expect(pos, "\"]\"", () -> "to close the list at " + position(start), false);
                return reset(start);
            }
            return new ArrayValue(elements, position(start));
        } finally {
            depth--;
        }
    }

    /** {@code "{" cs (hashentry (cs hashentry)*)? cs "}"}. */
    private HashValue hash() {
        int start = pos;
        enter(pos);
        try {
            pos++;
            cs();
            List<HashEntry> entries = new ArrayList<>();
            HashEntry first = hashEntry();
            if (first != null) {
                entries.add(first);
                while (true) {
                    int save = pos;
                    cs();
                    HashEntry next = hashEntry();
                    if (next == null) {
                        pos = save;
                        break;
                    }
                    entries.add(next);
                }
            }
            cs();
            if (!accept('}')) {
                expect(pos, "\"}\"", () -> "to close the hash at " + position(start), false);
                return reset(start);
            }
            return new HashValue(entries, position(start));
        } finally {
            depth--;
        }
    }

    /** {@code (number / bareword / string) cs "=>" cs value}. */
    private HashEntry hashEntry() {
        int start = pos;
        HashKey key = null;
        if (pos < n) {
            char c = s.charAt(pos);
            if (c == '-' || Lexical.isDigit(c)) {
                key = number();
            } else if (Lexical.isBarewordStart(c)) {
                key = bareword();
            } else if (c == '"' || c == '\'') {
                key = string();
            } else {
                expect(pos, "a hash key", null, false);
            }
        } else {
            expect(pos, "a hash key", null, false);
        }
        if (key == null) {
            return reset(start);
        }
        HashKey k = key;
        cs();
        if (!s.startsWith("=>", pos)) {
            expect(pos, "\"=>\"", () -> "after the hash key " + keyText(k), false);
            return reset(start);
        }
        pos += 2;
        cs();
        Value value = value(() -> "for the hash key " + keyText(k));
        if (value == null) {
            return reset(start);
        }
        return new HashEntry(key, value, position(start));
    }

    private static String keyText(HashKey key) {
        return switch (key) {
            case NumberLiteral number -> number.text();
            case Bareword word -> word.text();
            case StringLiteral string -> "\"" + string.text() + "\"";
        };
    }
}
