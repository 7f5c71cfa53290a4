package org.mesoslogstash.lscl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The rules of the grammar for branches and conditions: {@code if / else if / else}, boolean operators,
 * negation, parentheses, {@code in}, comparisons, regexp matches and the values they compare.
 *
 * <p>In the grammar, an expression is tried as an {@code in}, a {@code not in}, a comparison, a regexp
 * match and at last a bare value, each starting with a value; here that value is read once and the
 * operator after it decides, which gives the same result without reading anything more than once.
 */
abstract class ConditionParser extends Cursor {

    ConditionParser(String text) {
        super(text);
    }

    /** {@code (branch_or_plugin cs)*}: the statements of a block. */
    abstract List<Statement> statements();

    /** {@code "[" cs (value (cs "," cs value)*)? cs "]"}. */
    abstract ArrayValue array(boolean inCondition);

    /** {@code if (cs else_if)* (cs else)?}. */
    Branch branch() {
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
            List<RValue> arguments = commaSeparated(() -> rvalue(() -> "as an argument of " + method.text() + "()"),
                    () -> rvalue(() -> "after \",\""));
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

}
