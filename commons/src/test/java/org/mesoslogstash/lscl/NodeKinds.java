package org.mesoslogstash.lscl;

import java.util.Set;
import java.util.TreeSet;

/** Names every kind of construct a tree uses, for the corpus coverage check. */
final class NodeKinds {

    private final Set<String> kinds = new TreeSet<>();

    static Set<String> of(PipelineConfig config) {
        NodeKinds walker = new NodeKinds();
        for (Section section : config.sections()) {
            walker.kinds.add("section " + section.type().keyword());
            walker.statements(section.body());
        }
        return walker.kinds;
    }

    private void statements(Iterable<Statement> body) {
        for (Statement statement : body) {
            switch (statement) {
                case Plugin plugin -> {
                    kinds.add("plugin statement");
                    plugin(plugin);
                }
                case Branch branch -> {
                    kinds.add("if");
                    for (int i = 0; i < branch.clauses().size(); i++) {
                        if (i > 0) {
                            kinds.add("else if");
                        }
                        condition(branch.clauses().get(i).condition());
                        statements(branch.clauses().get(i).body());
                    }
                    if (branch.otherwise() != null) {
                        kinds.add("else");
                        statements(branch.otherwise().body());
                    }
                }
            }
        }
    }

    private void plugin(Plugin plugin) {
        if (plugin.attributes().isEmpty()) {
            kinds.add("plugin without attributes");
        }
        for (Attribute attribute : plugin.attributes()) {
            kinds.add("attribute");
            value(attribute.value(), "attribute value");
        }
    }

    private void value(Value value, String context) {
        kinds.add(context + ": " + value.getClass().getSimpleName());
        switch (value) {
            case Plugin plugin -> plugin(plugin);
            case ArrayValue array -> array.elements().forEach(e -> value(e, "list element"));
            case HashValue hash -> hash.entries().forEach(e -> {
                kinds.add("hash key: " + e.key().getClass().getSimpleName());
                value(e.value(), "hash value");
            });
            case NumberLiteral number -> number(number);
            case StringLiteral string -> string(string);
            case Bareword word -> { }
        }
    }

    private void number(NumberLiteral number) {
        kinds.add(number.isInteger() ? "integer" : "decimal");
        if (number.text().startsWith("-")) {
            kinds.add("negative number");
        }
    }

    private void string(StringLiteral string) {
        if (string.text().contains("\\\"") || string.text().contains("\\'")) {
            kinds.add("string with escaped quote");
        }
        if (string.text().contains("\n")) {
            kinds.add("string over several lines");
        }
        if (!string.value(true).equals(string.value(false))) {
            kinds.add("string with escape sequences");
        }
    }

    private void condition(Condition condition) {
        expression(condition.first(), "expression");
        for (JoinedExpression joined : condition.rest()) {
            kinds.add("boolean " + joined.operator().symbol());
            expression(joined.expression(), "expression");
        }
    }

    private void expression(Expression expression, String context) {
        kinds.add(context + ": " + expression.getClass().getSimpleName());
        switch (expression) {
            case Parenthesized parenthesized -> condition(parenthesized.condition());
            case Negation negation -> expression(negation.operand(), "negated");
            case InExpression in -> {
                rvalue(in.item());
                rvalue(in.collection());
            }
            case NotInExpression notIn -> {
                rvalue(notIn.item());
                rvalue(notIn.collection());
            }
            case Comparison comparison -> {
                kinds.add("comparison " + comparison.operator().symbol());
                rvalue(comparison.left());
                rvalue(comparison.right());
            }
            case RegexpMatch match -> {
                kinds.add("regexp match " + match.operator().symbol() + " with " + match.pattern().getClass().getSimpleName());
                rvalue(match.left());
                switch (match.pattern()) {
                    case RegexpLiteral regexp -> rvalue(regexp);
                    case StringLiteral string -> string(string);
                }
            }
            case RValue rvalue -> rvalue(rvalue);
        }
    }

    private void rvalue(RValue rvalue) {
        kinds.add("rvalue: " + rvalue.getClass().getSimpleName());
        switch (rvalue) {
            case Selector selector -> {
                if (selector.elements().size() > 1) {
                    kinds.add("field reference with several elements");
                }
            }
            case ArrayValue array -> array.elements().forEach(e -> value(e, "list element"));
            case MethodCall call -> call.arguments().forEach(this::rvalue);
            case NumberLiteral number -> number(number);
            case StringLiteral string -> string(string);
            case RegexpLiteral regexp -> {
                if (regexp.text().contains("\\/")) {
                    kinds.add("regexp with escaped slash");
                }
            }
        }
    }
}
