package org.mesoslogstash.lscl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A recursive-descent reading of Logstash's PEG grammar (lscl_grammar.treetop), rule by rule, with the
 * same ordered choices. Where the grammar tries several alternatives that start alike (an expression
 * that is an {@code in}, a comparison, a regexp match or a bare value), the common start is read once,
 * so that nothing is read twice more than a bounded number of times: time stays linear.
 *
 * <p>Errors work as in Treetop: every place where the text did not match what the grammar expected is
 * noted, and when the whole text does not parse, the error is at the furthest such place, naming what
 * would have been accepted there. Each parse method returns null on failure and then leaves
 * {@link #pos} where it found it.
 *
 * <p>One instance parses one text; not thread-safe.
 */
final class Parser {

    private static final String SPACE = "whitespace";
    private static final String COMMENT = "a comment";

    private final String s;
    private final int n;
    private final int[] lineStarts;
    private int pos;
    private int depth;

    /** The furthest offset where something expected was missing, and what was expected there. */
    private int failAt = -1;
    private final List<Expectation> expected = new ArrayList<>();

    private record Expectation(String what, Supplier<String> context, boolean quiet) {
    }

    /** Thrown when nesting exceeds {@link Lscl#MAX_DEPTH}; ends the parse. */
    private static final class TooDeep extends RuntimeException {
        private final int at;

        TooDeep(int at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    Parser(String text) {
        this.s = text == null ? "" : text;
        this.n = s.length();
        this.lineStarts = lineStarts(s);
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
    private List<Statement> statements() {
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

    private Bareword bareword() {
        return bareword(c -> "to complete the bare word \"" + c + "\" (a bare word has two characters at least;"
                + " quote it: \"" + c + "\")");
    }

    /** {@code [A-Za-z_] [A-Za-z0-9_]+}; {@code tooShort} explains a one-letter word. */
    private Bareword bareword(java.util.function.Function<Character, String> tooShort) {
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

    private StringLiteral string() {
        int start = pos;
        char quote = s.charAt(pos);
        int end = Lexical.scanQuoted(s, pos + 1, quote);
        if (end < 0) {
            expect(n, "a closing " + quote, () -> "for the string that starts at " + position(start), false);
            return null;
        }
        pos = end;
        return new StringLiteral(s.substring(start + 1, end - 1), position(start));
    }

    private NumberLiteral number() {
        int start = pos;
        int end = Lexical.numberEnd(s, pos);
        if (end == pos) {
            expect(pos + 1, "a digit", () -> "after \"-\"", false);
            return null;
        }
        pos = end;
        return new NumberLiteral(s.substring(start, end), position(start));
    }

    /** {@code "[" cs (value (cs "," cs value)*)? cs "]"}. */
    private ArrayValue array(boolean inCondition) {
        int start = pos;
        enter(pos);
        try {
            pos++;
            cs();
            List<Value> elements = new ArrayList<>();
            Value first = value(() -> "in the list");
            if (first != null) {
                elements.add(first);
                while (true) {
                    int save = pos;
                    cs();
                    if (!accept(',')) {
                        expect(pos, "\",\"", null, false);
                        pos = save;
                        break;
                    }
                    cs();
                    Value next = value(() -> "after \",\" in the list");
                    if (next == null) {
                        pos = save;
                        break;
                    }
                    elements.add(next);
                }
            }
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

    // ---------------------------------------------------------------- branches and conditions

    /** {@code if (cs else_if)* (cs else)?}. */
    private Branch branch() {
        int start = pos;
        Clause first = clause(pos, pos + 2);
        if (first == null) {
            return null;
        }
        List<Clause> clauses = new ArrayList<>();
        clauses.add(first);
        ElseClause otherwise = null;
        while (true) {
            int save = pos;
            cs();
            if (!s.startsWith("else", pos)) {
                expect(pos, "\"else\"", null, true);
                pos = save;
                break;
            }
            int elseAt = pos;
            pos += 4;
            cs();
            if (s.startsWith("if", pos)) {
                Clause next = clause(elseAt, pos + 2);
                if (next != null) {
                    clauses.add(next);
                    continue;
                }
            } else {
                expect(pos, "\"if\"", () -> "after \"else\"", false);
            }
            // not an else-if: perhaps the final else
            pos = elseAt + 4;
            cs();
            if (!accept('{')) {
                expect(pos, "\"{\"", () -> "after \"else\"", false);
                pos = save;
                break;
            }
            List<Statement> body = block(elseAt, "else");
            if (body == null) {
                pos = save;
            } else {
                otherwise = new ElseClause(body, position(elseAt));
            }
            break;
        }
        return new Branch(clauses, otherwise, position(start));
    }

    /** The rest of {@code if cs condition cs "{" ...}, from just after the {@code if}. */
    private Clause clause(int start, int afterIf) {
        int save = pos;
        pos = afterIf;
        cs();
        Condition condition = condition(() -> "after \"if\"");
        if (condition == null) {
            return reset(save);
        }
        cs();
        if (!accept('{')) {
            expect(pos, "\"{\"", () -> "after the condition", false);
            return reset(save);
        }
        List<Statement> body = block(start, s.startsWith("else", start) ? "else if" : "if");
        if (body == null) {
            return reset(save);
        }
        return new Clause(condition, body, position(start));
    }

    /** {@code cs (branch_or_plugin cs)* "}"}, from just after the "{". */
    private List<Statement> block(int start, String keyword) {
        enter(pos - 1);
        try {
            cs();
            List<Statement> body = statements();
            if (!accept('}')) {
                expect(pos, "\"}\"", () -> "to close the " + keyword + " block at " + position(start), false);
                return null;
            }
            return body;
        } finally {
            depth--;
        }
    }

    /** {@code expression (cs boolean_operator cs expression)*}. */
    private Condition condition(Supplier<String> context) {
        int start = pos;
        Expression first = expression(context);
        if (first == null) {
            return null;
        }
        List<JoinedExpression> rest = new ArrayList<>();
        while (true) {
            int save = pos;
            cs();
            BooleanOperator operator = booleanOperator();
            if (operator == null) {
                pos = save;
                break;
            }
            int operatorAt = pos;
            pos += operator.symbol().length();
            cs();
            Expression next = expression(() -> "after \"" + operator.symbol() + "\"");
            if (next == null) {
                pos = save;
                break;
            }
            rest.add(new JoinedExpression(operator, next, position(operatorAt)));
        }
        return new Condition(first, rest, position(start));
    }

    private BooleanOperator booleanOperator() {
        for (BooleanOperator operator : BooleanOperator.values()) {
            if (s.startsWith(operator.symbol(), pos)) {
                return operator;
            }
        }
        expect(pos, "an operator", null, false);
        return null;
    }

    /**
     * {@code ("(" cs condition cs ")") / negative_expression / in_expression / not_in_expression /
     * compare_expression / regexp_expression / rvalue}; the last five start with an rvalue, read once.
     */
    private Expression expression(Supplier<String> context) {
        int start = pos;
        if (pos < n && s.charAt(pos) == '(') {
            return parenthesized();
        }
        if (pos < n && s.charAt(pos) == '!') {
            pos++;
            cs();
            Negatable operand = null;
            if (pos < n && s.charAt(pos) == '(') {
                operand = parenthesized();
            } else if (pos < n && s.charAt(pos) == '[') {
                operand = selector();
            } else {
                expect(pos, "\"(\" or a field reference", () -> "after \"!\"", false);
            }
            if (operand == null) {
                return reset(start);
            }
            return new Negation(operand, position(start));
        }
        RValue left = rvalue(context);
        if (left == null) {
            return null;
        }
        int afterLeft = pos;
        cs();
        int operatorAt = pos;
        if (s.startsWith("in", pos)) {
            pos += 2;
            cs();
            RValue right = rvalue(() -> "after \"in\"");
            if (right != null) {
                return new InExpression(left, right, position(start));
            }
        } else if (s.startsWith("not ", pos)) {
            pos += 4;
            cs();
            if (s.startsWith("in", pos)) {
                pos += 2;
                cs();
                RValue right = rvalue(() -> "after \"not in\"");
                if (right != null) {
                    return new NotInExpression(left, right, position(start));
                }
            } else {
                expect(pos, "\"in\"", () -> "after \"not\"", false);
            }
        } else {
            ComparisonOperator comparison = comparisonOperator();
            if (comparison != null) {
                pos += comparison.symbol().length();
                cs();
                RValue right = rvalue(() -> "after \"" + comparison.symbol() + "\"");
                if (right != null) {
                    return new Comparison(left, comparison, right, position(start));
                }
            } else {
                RegexpOperator match = s.startsWith("=~", pos) ? RegexpOperator.MATCHES
                        : s.startsWith("!~", pos) ? RegexpOperator.NOT_MATCHES : null;
                if (match != null) {
                    pos += 2;
                    cs();
                    MatchPattern pattern = null;
                    if (pos < n && (s.charAt(pos) == '"' || s.charAt(pos) == '\'')) {
                        pattern = string();
                    } else if (pos < n && s.charAt(pos) == '/') {
                        pattern = regexp();
                    } else {
                        expect(pos, "a /regexp/ or a string", () -> "after \"" + match.symbol() + "\"", false);
                    }
                    if (pattern != null) {
                        return new RegexpMatch(left, match, pattern, position(start));
                    }
                } else {
                    expect(operatorAt, "an operator", null, false);
                }
            }
        }
        pos = afterLeft;
        return left;
    }

    private ComparisonOperator comparisonOperator() {
        // the grammar's order: "==" / "!=" / "<=" / ">=" / "<" / ">"
        for (ComparisonOperator operator : List.of(ComparisonOperator.EQ, ComparisonOperator.NE,
                ComparisonOperator.LE, ComparisonOperator.GE, ComparisonOperator.LT, ComparisonOperator.GT)) {
            if (s.startsWith(operator.symbol(), pos)) {
                return operator;
            }
        }
        return null;
    }

    private Parenthesized parenthesized() {
        int start = pos;
        enter(pos);
        try {
            pos++;
            cs();
            Condition condition = condition(() -> "after \"(\"");
            if (condition == null) {
                return reset(start);
            }
            cs();
            if (!accept(')')) {
                expect(pos, "\")\"", () -> "to close the parenthesis at " + position(start), false);
                return reset(start);
            }
            return new Parenthesized(condition, position(start));
        } finally {
            depth--;
        }
    }

    /** {@code string / number / selector / array / method_call / regexp}. */
    private RValue rvalue(Supplier<String> context) {
        if (pos < n) {
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') {
                return string();
            }
            if (c == '-' || Lexical.isDigit(c)) {
                return number();
            }
            if (c == '[') {
                Selector selector = selector();
                return selector != null ? selector : array(true);
            }
            if (Lexical.isBarewordStart(c)) {
                return methodCall();
            }
            if (c == '/') {
                return regexp();
            }
        }
        expect(pos, "a value (a field reference, string, number, list or /regexp/)", context, false);
        return null;
    }

    /** {@code ("[" [^\]\[,]+ "]")+}. */
    private Selector selector() {
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

    /** {@code method cs "(" cs (rvalue (cs "," cs rvalue)*)? cs ")"}. */
    private MethodCall methodCall() {
        int start = pos;
        Bareword method = bareword(c -> "to complete the function name \"" + c + "\" (a field is written [" + c
                + "], a text \"" + c + "\")");
        if (method == null) {
            return null;
        }
        cs();
        if (!accept('(')) {
            expect(pos, "\"(\"", () -> "after \"" + method.text() + "\" (a field is written [" + method.text()
                    + "], a text \"" + method.text() + "\")", false);
            return reset(start);
        }
        enter(pos - 1);
        try {
            cs();
            List<RValue> arguments = new ArrayList<>();
            RValue first = rvalue(() -> "as an argument of " + method.text() + "()");
            if (first != null) {
                arguments.add(first);
                while (true) {
                    int save = pos;
                    cs();
                    if (!accept(',')) {
                        expect(pos, "\",\"", null, false);
                        pos = save;
                        break;
                    }
                    cs();
                    RValue next = rvalue(() -> "after \",\"");
                    if (next == null) {
                        pos = save;
                        break;
                    }
                    arguments.add(next);
                }
            }
            cs();
            if (!accept(')')) {
                expect(pos, "\")\"", () -> "to close the call of " + method.text() + "() at " + position(start), false);
                return reset(start);
            }
            return new MethodCall(method.text(), arguments, position(start));
        } finally {
            depth--;
        }
    }

    private RegexpLiteral regexp() {
        int start = pos;
        int end = Lexical.scanQuoted(s, pos + 1, '/');
        if (end < 0) {
            expect(n, "a closing /", () -> "for the regexp that starts at " + position(start), false);
            return null;
        }
        pos = end;
        return new RegexpLiteral(s.substring(start + 1, end - 1), position(start));
    }

    // ---------------------------------------------------------------- whitespace and comments

    /** {@code (comment / whitespace)*}, where a comment runs from # to the end of the line or the text. */
    private void cs() {
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

    private boolean accept(char c) {
        if (pos < n && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private <T> T reset(int to) {
        pos = to;
        return null;
    }

    private void enter(int at) {
        if (depth >= Lscl.MAX_DEPTH) {
            throw new TooDeep(at);
        }
        depth++;
    }

    private void expect(int at, String what, Supplier<String> context, boolean quiet) {
        if (at < failAt) {
            return;
        }
        if (at > failAt) {
            failAt = at;
            expected.clear();
        }
        expected.add(new Expectation(what, context, quiet));
    }

    private SyntaxError furthestError() {
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
        SourcePosition where = position(at);
        return new SyntaxError(where.line(), where.column(), message.toString());
    }

    /** Names what stands at {@code at}: a word, an operator, one character, or the end of the text. */
    private String found(int at) {
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

    private SourcePosition position(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        int line = index >= 0 ? index : -index - 2;
        int column = s.codePointCount(lineStarts[line], Math.min(offset, n)) + 1;
        return new SourcePosition(line + 1, column);
    }

    private static int[] lineStarts(String text) {
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
