package org.mesoslogstash.lscl;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * An independent reading of Logstash's grammar for differential tests: lscl_grammar.treetop (as of
 * Logstash 8.15) transcribed rule by rule into a small memoising PEG interpreter that notes the
 * furthest terminal failure the way Treetop does. It answers only "accepted?" and, if not, the offset
 * Logstash reports; it builds no tree. Recursive without a depth limit: for small inputs only.
 */
final class TreetopOracle {

    /** Parses at an offset: the end offset, or -1. */
    private interface P {
        int at(int pos);
    }

    private final String s;
    private final int n;
    private int maxFail = -1;
    private final Map<Long, Integer> memo = new HashMap<>();
    private int rules;

    /** The offset of the error, or -1 when the text is accepted. */
    static int errorOffset(String text) {
        return new TreetopOracle(text).run();
    }

    private TreetopOracle(String text) {
        this.s = text;
        this.n = text.length();
    }

    private final class Rule implements P {
        private final int id = rules++;
        private P body;

        @Override
        public int at(int pos) {
            long key = (long) id * (n + 1) + pos;
            Integer known = memo.get(key);
            if (known != null) {
                return known;
            }
            int end = body.at(pos);
            memo.put(key, end);
            return end;
        }
    }

    private int run() {
        Rule config = new Rule();
        Rule cs = new Rule();
        Rule comment = new Rule();
        Rule whitespace = new Rule();
        Rule pluginSection = new Rule();
        Rule branchOrPlugin = new Rule();
        Rule plugin = new Rule();
        Rule name = new Rule();
        Rule attribute = new Rule();
        Rule value = new Rule();
        Rule bareword = new Rule();
        Rule string = new Rule();
        Rule regexp = new Rule();
        Rule number = new Rule();
        Rule array = new Rule();
        Rule hash = new Rule();
        Rule hashEntry = new Rule();
        Rule branch = new Rule();
        Rule condition = new Rule();
        Rule expression = new Rule();
        Rule rvalue = new Rule();
        Rule methodCall = new Rule();
        Rule selector = new Rule();

        P block = seq(lit("{"), cs, star(seq(branchOrPlugin, cs)), lit("}"));

        config.body = seq(star(seq(cs, pluginSection)), cs);
        comment.body = plus(seq(opt(whitespace), lit("#"), star(cls(c -> c != '\r' && c != '\n')),
                alt(seq(opt(lit("\r")), lit("\n")), not(any()))));
        cs.body = star(alt(comment, whitespace));
        whitespace.body = plus(cls(c -> c == ' ' || c == '\t' || c == '\r' || c == '\n'));
        pluginSection.body = seq(alt(lit("input"), lit("filter"), lit("output")), cs, block);
        branchOrPlugin.body = alt(branch, plugin);
        plugin.body = seq(name, cs, lit("{"), cs, opt(seq(attribute, star(seq(whitespace, cs, attribute)))), cs,
                lit("}"));
        name.body = alt(plus(cls(c -> inRanges(c, "AZaz09__--"))), string);
        attribute.body = seq(name, cs, lit("=>"), cs, value);
        value.body = alt(plugin, bareword, string, number, array, hash);
        bareword.body = seq(cls(c -> inRanges(c, "AZaz__")), plus(cls(c -> inRanges(c, "AZaz09__"))));
        string.body = alt(quoted('"'), quoted('\''));
        regexp.body = quoted('/');
        number.body = seq(opt(lit("-")), plus(cls(c -> inRanges(c, "09"))), opt(seq(lit("."), star(cls(c -> inRanges(c, "09"))))));
        array.body = seq(lit("["), cs, opt(seq(value, star(seq(cs, lit(","), cs, value)))), cs, lit("]"));
        hash.body = seq(lit("{"), cs, opt(seq(hashEntry, star(seq(cs, hashEntry)))), cs, lit("}"));
        hashEntry.body = seq(alt(number, bareword, string), cs, lit("=>"), cs, value);
        P ifClause = seq(lit("if"), cs, condition, cs, block);
        P elseIf = seq(lit("else"), cs, lit("if"), cs, condition, cs, block);
        P elseClause = seq(lit("else"), cs, block);
        branch.body = seq(ifClause, star(seq(cs, elseIf)), opt(seq(cs, elseClause)));
        P booleanOperator = alt(lit("and"), lit("or"), lit("xor"), lit("nand"));
        condition.body = seq(expression, star(seq(cs, booleanOperator, cs, expression)));
        P compareOperator = alt(lit("=="), lit("!="), lit("<="), lit(">="), lit("<"), lit(">"));
        expression.body = alt(
                seq(lit("("), cs, condition, cs, lit(")")),
                alt(seq(lit("!"), cs, lit("("), cs, condition, cs, lit(")")), seq(lit("!"), cs, selector)),
                seq(rvalue, cs, lit("in"), cs, rvalue),
                seq(rvalue, cs, lit("not "), cs, lit("in"), cs, rvalue),
                seq(rvalue, cs, compareOperator, cs, rvalue),
                seq(rvalue, cs, alt(lit("=~"), lit("!~")), cs, alt(string, regexp)),
                rvalue);
        rvalue.body = alt(string, number, selector, array, methodCall, regexp);
        methodCall.body = seq(bareword, cs, lit("("), cs, opt(seq(rvalue, star(seq(cs, lit(","), cs, rvalue)))), cs,
                lit(")"));
        selector.body = plus(seq(lit("["), plus(cls(c -> c != ']' && c != '[' && c != ',')), lit("]")));

        int end = config.at(0);
        if (end == n) {
            return -1;
        }
        return Math.max(maxFail, end);
    }

    /** {@code q ( '\q' / !q . )* q}. */
    private P quoted(char quote) {
        String q = String.valueOf(quote);
        return seq(lit(q), star(alt(lit("\\" + q), seq(not(lit(q)), any()))), lit(q));
    }

    /** Whether c is in one of the ranges, given as pairs of first and last character ("AZaz" = [A-Za-z]). */
    private static boolean inRanges(int c, String ranges) {
        for (int i = 0; i < ranges.length(); i += 2) {
            if (c >= ranges.charAt(i) && c <= ranges.charAt(i + 1)) {
                return true;
            }
        }
        return false;
    }

    private void fail(int at) {
        maxFail = Math.max(maxFail, at);
    }

    private P lit(String text) {
        return pos -> {
            if (s.startsWith(text, pos)) {
                return pos + text.length();
            }
            fail(pos);
            return -1;
        };
    }

    private P cls(IntPredicate accepts) {
        return pos -> {
            if (pos < n && accepts.test(s.charAt(pos))) {
                return pos + 1;
            }
            fail(pos);
            return -1;
        };
    }

    private P any() {
        return pos -> {
            if (pos < n) {
                return pos + 1;
            }
            fail(pos);
            return -1;
        };
    }

    private static P seq(P... parts) {
        return pos -> {
            int at = pos;
            for (P part : parts) {
                at = part.at(at);
                if (at < 0) {
                    return -1;
                }
            }
            return at;
        };
    }

    private static P alt(P... choices) {
        return pos -> {
            for (P choice : choices) {
                int end = choice.at(pos);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        };
    }

    private static P star(P part) {
        return pos -> {
            int at = pos;
            while (true) {
                int end = part.at(at);
                if (end < 0 || end == at) {
                    return at;
                }
                at = end;
            }
        };
    }

    private static P plus(P part) {
        return seq(part, star(part));
    }

    private static P opt(P part) {
        return pos -> {
            int end = part.at(pos);
            return end < 0 ? pos : end;
        };
    }

    /** Treetop notes a failure where a negative lookahead fails (its operand matched). */
    private P not(P part) {
        return pos -> {
            if (part.at(pos) >= 0) {
                fail(pos);
                return -1;
            }
            return pos;
        };
    }
}
