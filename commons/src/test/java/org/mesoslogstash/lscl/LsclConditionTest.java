package org.mesoslogstash.lscl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LsclConditionTest {

    private static Branch onlyBranch(String filterBody) {
        ParseResult result = Lscl.parse("filter {\n" + filterBody + "\n}\n");
        assertThat(result).as("parse of %s", filterBody).isInstanceOf(ParseResult.Parsed.class);
        return (Branch) ((ParseResult.Parsed) result).config().sections().getFirst().body().getFirst();
    }

    private static Expression onlyExpression(String condition) {
        Condition parsed = onlyBranch("if " + condition + " { }").clauses().getFirst().condition();
        assertThat(parsed.rest()).isEmpty();
        return parsed.first();
    }

    private static final Plugin DROP = new Plugin("drop", List.of());

    @Test
    void readsIfElseIfElse() {
        Branch branch = onlyBranch("""
                if [a] { drop {} } else if [b] { drop {} }
                else if [c] { } else { drop {} }""");

        assertThat(branch).isEqualTo(new Branch(List.of(
                new Clause(new Condition(Selector.of("a")), List.of(DROP)),
                new Clause(new Condition(Selector.of("b")), List.of(DROP)),
                new Clause(new Condition(Selector.of("c")), List.of())),
                new ElseClause(List.of(DROP))));
    }

    @Test
    void anIfWithoutElseHasNoElseClause() {
        assertThat(onlyBranch("if [a] { }").otherwise()).isNull();
        assertThat(onlyBranch("if [a] { } else { }").otherwise()).isEqualTo(new ElseClause(List.of()));
    }

    @Test
    void nestsBranchesInBranches() {
        Branch outer = onlyBranch("if [a] { if [b] { drop {} } }");

        assertThat(outer.clauses().getFirst().body()).containsExactly(
                new Branch(List.of(new Clause(new Condition(Selector.of("b")), List.of(DROP))), null));
    }

    @Test
    void readsComparisons() {
        assertThat(onlyExpression("[status] >= 500")).isEqualTo(
                new Comparison(Selector.of("status"), ComparisonOperator.GE, new NumberLiteral("500")));
        assertThat(List.of("==", "!=", "<", ">", "<=", ">=")).allSatisfy(op -> assertThat(
                ((Comparison) onlyExpression("[a]" + op + "'x'")).operator().symbol()).isEqualTo(op));
    }

    @Test
    void readsRegexpMatchesWithRegexpsAndStrings() {
        assertThat(onlyExpression("[path] =~ /^\\/var\\/log\\/.*\\.log$/")).isEqualTo(new RegexpMatch(
                Selector.of("path"), RegexpOperator.MATCHES, new RegexpLiteral("^\\/var\\/log\\/.*\\.log$")));
        assertThat(onlyExpression("[msg] !~ \"^#\"")).isEqualTo(
                new RegexpMatch(Selector.of("msg"), RegexpOperator.NOT_MATCHES, new StringLiteral("^#")));
    }

    @Test
    void readsInAndNotIn() {
        assertThat(onlyExpression("\"error\" in [tags]"))
                .isEqualTo(new InExpression(new StringLiteral("error"), Selector.of("tags")));
        assertThat(onlyExpression("[level] not   in [\"debug\", \"trace\"]")).isEqualTo(new NotInExpression(
                Selector.of("level"), new ArrayValue(List.of(new StringLiteral("debug"), new StringLiteral("trace")))));
    }

    @Test
    void aOneElementListInAConditionIsAFieldReferenceAsInLogstash() {
        assertThat(onlyExpression("[a] in [\"x\"]"))
                .isEqualTo(new InExpression(Selector.of("a"), Selector.of("\"x\"")));
        assertThat(onlyExpression("[a] in [\"x,y\"]")).isEqualTo(
                new InExpression(Selector.of("a"), new ArrayValue(List.of(new StringLiteral("x,y")))));
    }

    @Test
    void readsFieldReferencesWithSeveralElements() {
        assertThat(onlyExpression("[nginx][access][remote ip]"))
                .isEqualTo(Selector.of("nginx", "access", "remote ip"));
    }

    @Test
    void joinsExpressionsWithBooleanOperatorsInOrder() {
        Condition condition = onlyBranch("if [a] and [b] or [c] xor [d] nand [e] { }").clauses().getFirst().condition();

        assertThat(condition).isEqualTo(new Condition(Selector.of("a"), List.of(
                new JoinedExpression(BooleanOperator.AND, Selector.of("b")),
                new JoinedExpression(BooleanOperator.OR, Selector.of("c")),
                new JoinedExpression(BooleanOperator.XOR, Selector.of("d")),
                new JoinedExpression(BooleanOperator.NAND, Selector.of("e")))));
    }

    @Test
    void readsNegationsAndParentheses() {
        assertThat(onlyExpression("![a]")).isEqualTo(new Negation(Selector.of("a")));
        assertThat(onlyExpression("! ( [a] or [b] )")).isEqualTo(new Negation(new Parenthesized(
                new Condition(Selector.of("a"), List.of(new JoinedExpression(BooleanOperator.OR, Selector.of("b")))))));
        assertThat(onlyExpression("(([a]))")).isEqualTo(new Parenthesized(
                new Condition(new Parenthesized(new Condition(Selector.of("a"))))));
    }

    @Test
    void readsMethodCallsAndBareValues() {
        assertThat(onlyExpression("size([tags], 2)")).isEqualTo(
                new MethodCall("size", List.of(Selector.of("tags"), new NumberLiteral("2"))));
        assertThat(onlyExpression("\"constant\"")).isEqualTo(new StringLiteral("constant"));
        assertThat(onlyExpression("-3")).isEqualTo(new NumberLiteral("-3"));
        assertThat(onlyExpression("/re/")).isEqualTo(new RegexpLiteral("re"));
    }

    @Test
    void needsNoSpacesAroundKeywordsWhereTheGrammarNeedsNone() {
        Condition condition = onlyBranch("if[a]in[bb,cc]and![d]{}").clauses().getFirst().condition();

        assertThat(condition.first()).isInstanceOf(InExpression.class);
        assertThat(condition.rest().getFirst().expression()).isEqualTo(new Negation(Selector.of("d")));
    }

    @Test
    void aPluginNamedLikeAKeywordIsStillAPlugin() {
        ParseResult result = Lscl.parse("filter { iffy { } if { } }");

        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        assertThat(((ParseResult.Parsed) result).config().plugins()).extracting(u -> u.plugin().name())
                .containsExactly("iffy", "if");
    }
}
