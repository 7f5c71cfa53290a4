package org.mesoslogstash.lscl;

import java.util.List;

/**
 * Writes a tree in canonical form. Besides layout, it takes care of the places where the grammar would
 * read the text back as something else:
 * <ul>
 *   <li>a plugin statement named {@code if...} or {@code else...} is quoted, lest it read as a branch;</li>
 *   <li>a one-element list in a condition is written with a comment after its "[" that holds a comma,
 *       because {@code ["a"]} there is a field reference;</li>
 *   <li>a string whose text holds a {@code "} that no backslash precedes goes between single quotes.</li>
 * </ul>
 */
final class Printer {

    private static final String INDENT = "  ";
    private static final String ONE_ELEMENT_LIST_NOTE = "# a list of one element, not a field reference";

    private final StringBuilder out = new StringBuilder();

    String print(PipelineConfig config) {
        boolean first = true;
        for (Section section : config.sections()) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            out.append(section.type().keyword()).append(" {\n");
            statements(section.body(), 1);
            out.append("}\n");
        }
        return out.toString();
    }

    private void statements(List<Statement> body, int level) {
        for (Statement statement : body) {
            indent(level);
            switch (statement) {
                case Plugin plugin -> plugin(plugin, level, true);
                case Branch branch -> branch(branch, level);
            }
            out.append('\n');
        }
    }

    private void branch(Branch branch, int level) {
        boolean first = true;
        for (Clause clause : branch.clauses()) {
            out.append(first ? "if " : " else if ");
            first = false;
            condition(clause.condition(), level);
            out.append(" {\n");
            statements(clause.body(), level + 1);
            indent(level);
            out.append('}');
        }
        if (branch.otherwise() != null) {
            out.append(" else {\n");
            statements(branch.otherwise().body(), level + 1);
            indent(level);
            out.append('}');
        }
    }

    private void plugin(Plugin plugin, int level, boolean statement) {
        String name = plugin.name();
        boolean readsAsBranch = name.startsWith("if") || name.startsWith("else");
        out.append(Lexical.isBareName(name) && !(statement && readsAsBranch) ? name : quote(name));
        if (plugin.attributes().isEmpty()) {
            out.append(" {}");
            return;
        }
        out.append(" {\n");
        for (Attribute attribute : plugin.attributes()) {
            indent(level + 1);
            out.append(Lexical.isBareName(attribute.name()) ? attribute.name() : quote(attribute.name()));
            out.append(" => ");
            value(attribute.value(), level + 1);
            out.append('\n');
        }
        indent(level);
        out.append('}');
    }

    private void value(Value value, int level) {
        switch (value) {
            case Plugin plugin -> plugin(plugin, level, false);
            case Bareword word -> out.append(word.text());
            case StringLiteral string -> out.append(quote(string.text()));
            case NumberLiteral number -> out.append(number.text());
            case ArrayValue array -> array(array, level, false);
            case HashValue hash -> hash(hash, level);
        }
    }

    private void array(ArrayValue array, int level, boolean inCondition) {
        List<Value> elements = array.elements();
        if (inCondition && elements.size() == 1) {
            out.append("[ ").append(ONE_ELEMENT_LIST_NOTE).append('\n');
            indent(level + 1);
            value(elements.getFirst(), level + 1);
            out.append('\n');
            indent(level);
            out.append(']');
            return;
        }
        boolean inline = elements.stream()
                .allMatch(e -> e instanceof Bareword || e instanceof StringLiteral || e instanceof NumberLiteral);
        if (inline) {
            out.append('[');
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                value(elements.get(i), level);
            }
            out.append(']');
            return;
        }
        out.append("[\n");
        for (int i = 0; i < elements.size(); i++) {
            indent(level + 1);
            value(elements.get(i), level + 1);
            out.append(i < elements.size() - 1 ? ",\n" : "\n");
        }
        indent(level);
        out.append(']');
    }

    private void hash(HashValue hash, int level) {
        if (hash.entries().isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        for (HashEntry entry : hash.entries()) {
            indent(level + 1);
            switch (entry.key()) {
                case NumberLiteral number -> out.append(number.text());
                case Bareword word -> out.append(word.text());
                case StringLiteral string -> out.append(quote(string.text()));
            }
            out.append(" => ");
            value(entry.value(), level + 1);
            out.append('\n');
        }
        indent(level);
        out.append('}');
    }

    private void condition(Condition condition, int level) {
        expression(condition.first(), level);
        for (JoinedExpression joined : condition.rest()) {
            out.append(' ').append(joined.operator().symbol()).append(' ');
            expression(joined.expression(), level);
        }
    }

    private void expression(Expression expression, int level) {
        switch (expression) {
            case Parenthesized parenthesized -> {
                out.append('(');
                condition(parenthesized.condition(), level);
                out.append(')');
            }
            case Negation negation -> {
                out.append('!');
                expression(negation.operand(), level);
            }
            case InExpression in -> {
                rvalue(in.item(), level);
                out.append(" in ");
                rvalue(in.collection(), level);
            }
            case NotInExpression notIn -> {
                rvalue(notIn.item(), level);
                out.append(" not in ");
                rvalue(notIn.collection(), level);
            }
            case Comparison comparison -> {
                rvalue(comparison.left(), level);
                out.append(' ').append(comparison.operator().symbol()).append(' ');
                rvalue(comparison.right(), level);
            }
            case RegexpMatch match -> {
                rvalue(match.left(), level);
                out.append(' ').append(match.operator().symbol()).append(' ');
                switch (match.pattern()) {
                    case StringLiteral string -> out.append(quote(string.text()));
                    case RegexpLiteral regexp -> out.append('/').append(regexp.text()).append('/');
                }
            }
            case RValue rvalue -> rvalue(rvalue, level);
        }
    }

    private void rvalue(RValue rvalue, int level) {
        switch (rvalue) {
            case StringLiteral string -> out.append(quote(string.text()));
            case NumberLiteral number -> out.append(number.text());
            case Selector selector -> out.append(selector.path());
            case ArrayValue array -> array(array, level, true);
            case MethodCall call -> {
                out.append(call.method()).append('(');
                for (int i = 0; i < call.arguments().size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    rvalue(call.arguments().get(i), level);
                }
                out.append(')');
            }
            case RegexpLiteral regexp -> out.append('/').append(regexp.text()).append('/');
        }
    }

    private static String quote(String text) {
        return Lexical.fitsBetween(text, '"') ? '"' + text + '"' : '\'' + text + '\'';
    }

    private void indent(int level) {
        out.append(INDENT.repeat(level));
    }
}
