package org.mesoslogstash.lscl;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds random valid trees from a seed, for round-trip fuzzing: every node kind, and the names and
 * texts that are hard to print (names that read as keywords, quotes, backslashes, comment characters,
 * one-element lists in conditions).
 */
final class RandomConfigs {

    private static final List<String> NAMES = List.of("grok", "mutate", "x", "if", "if1", "if-2", "else", "elseif1",
            "else-x", "input", "output", "a-b_c", "5", "-5", "-", "_", "my plugin", "with \"quotes\"", "it's", "");
    private static final List<String> BAREWORDS = List.of("true", "false", "beginning", "_x", "ab", "A1", "in", "and",
            "not", "if", "else", "nil");
    private static final List<String> TEXTS = List.of("", "plain", "%{+YYYY.MM.dd}", "with \\\"escaped\\\" quotes",
            "say \"hi\"", "it's", "it\\'s", "tab\\there", "C:\\\\dir\\\\file", "# not a comment", "line\nbreak",
            "unicode ü 日本 🚀", "[a][b]", "a,b", "{ \"k\" => 1 }", "back\\slash", "/slash/", "=>");
    private static final List<String> FIELD_NAMES = List.of("a", "type", "@metadata", "with space", "#hash", "\"q\"",
            "x.y", "-", " ", "line\nbreak", "ü");
    private static final List<String> REGEXPS = List.of("", "^a.*b$", "\\/var\\/log", "\\d+", "[a-z]+", "a b", "\"q\"",
            "x\\\\y");

    private final Random random;
    private int budget;

    RandomConfigs(long seed) {
        this.random = new Random(seed);
    }

    PipelineConfig config() {
        budget = 60;
        List<Section> sections = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            SectionType type = SectionType.values()[random.nextInt(3)];
            sections.add(new Section(type, statements(0)));
        }
        return new PipelineConfig(sections);
    }

    private boolean deeper(int depth) {
        return depth < 6 && budget-- > 0;
    }

    private List<Statement> statements(int depth) {
        List<Statement> body = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            body.add(deeper(depth) && random.nextInt(3) == 0 ? branch(depth + 1) : plugin(depth + 1));
        }
        return body;
    }

    private Plugin plugin(int depth) {
        List<Attribute> attributes = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            attributes.add(new Attribute(pick(NAMES), value(depth + 1)));
        }
        return new Plugin(pick(NAMES), attributes);
    }

    private Branch branch(int depth) {
        List<Clause> clauses = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            clauses.add(new Clause(condition(depth + 1), statements(depth + 1)));
        }
        return new Branch(clauses, random.nextBoolean() ? new ElseClause(statements(depth + 1)) : null);
    }

    private Value value(int depth) {
        int kind = deeper(depth) ? random.nextInt(6) : random.nextInt(3);
        return switch (kind) {
            case 0 -> new Bareword(pick(BAREWORDS));
            case 1 -> new StringLiteral(pick(TEXTS));
            case 2 -> number();
            case 3 -> array(depth);
            case 4 -> hash(depth);
            default -> plugin(depth + 1);
        };
    }

    private NumberLiteral number() {
        String digits = Integer.toString(random.nextInt(1000));
        String text = switch (random.nextInt(4)) {
            case 0 -> digits;
            case 1 -> "-" + digits;
            case 2 -> digits + "." + random.nextInt(100);
            default -> digits + ".";
        };
        return new NumberLiteral(text);
    }

    private ArrayValue array(int depth) {
        List<Value> elements = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            elements.add(value(depth + 1));
        }
        return new ArrayValue(elements);
    }

    private HashValue hash(int depth) {
        List<HashEntry> entries = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            HashKey key = switch (random.nextInt(3)) {
                case 0 -> new Bareword(pick(BAREWORDS));
                case 1 -> number();
                default -> new StringLiteral(pick(TEXTS));
            };
            entries.add(new HashEntry(key, value(depth + 1)));
        }
        return new HashValue(entries);
    }

    private Condition condition(int depth) {
        List<JoinedExpression> rest = new ArrayList<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            rest.add(new JoinedExpression(BooleanOperator.values()[random.nextInt(4)], expression(depth + 1)));
        }
        return new Condition(expression(depth + 1), rest);
    }

    private Expression expression(int depth) {
        int kind = deeper(depth) ? random.nextInt(8) : 2 + random.nextInt(5);
        return switch (kind) {
            case 0 -> new Parenthesized(condition(depth + 1));
            case 1 -> new Negation(random.nextBoolean() ? new Parenthesized(condition(depth + 1)) : selector());
            case 2 -> new InExpression(rvalue(depth + 1), rvalue(depth + 1));
            case 3 -> new NotInExpression(rvalue(depth + 1), rvalue(depth + 1));
            case 4 -> new Comparison(rvalue(depth + 1), ComparisonOperator.values()[random.nextInt(6)], rvalue(depth + 1));
            case 5 -> new RegexpMatch(rvalue(depth + 1), RegexpOperator.values()[random.nextInt(2)],
                    random.nextBoolean() ? new RegexpLiteral(pick(REGEXPS)) : new StringLiteral(pick(TEXTS)));
            case 6 -> rvalue(depth + 1);
            default -> new Negation(selector());
        };
    }

    private RValue rvalue(int depth) {
        int kind = deeper(depth) ? random.nextInt(6) : random.nextInt(4);
        return switch (kind) {
            case 0 -> new StringLiteral(pick(TEXTS));
            case 1 -> number();
            case 2 -> selector();
            case 3 -> new RegexpLiteral(pick(REGEXPS));
            case 4 -> array(depth);
            default -> {
                List<RValue> arguments = new ArrayList<>();
                int count = random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    arguments.add(rvalue(depth + 1));
                }
                yield new MethodCall(pick(List.of("size", "now", "in", "not", "and", "_f")), arguments);
            }
        };
    }

    private Selector selector() {
        List<String> elements = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            elements.add(pick(FIELD_NAMES));
        }
        return new Selector(elements);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
