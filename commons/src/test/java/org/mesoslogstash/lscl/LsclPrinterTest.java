package org.mesoslogstash.lscl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LsclPrinterTest {

    private static PipelineConfig readBack(String printed) {
        ParseResult result = Lscl.parse(printed);
        assertThat(result).as("parse of:%n%s", printed).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).config();
    }

    private static PipelineConfig filter(Statement... statements) {
        return new PipelineConfig(List.of(new Section(SectionType.FILTER, List.of(statements))));
    }

    @Test
    void writesTheCanonicalLayout() {
        ParseResult parsed = Lscl.parse("""
                input{beats{port=>5044 codec=>json{charset=>'UTF-8'}}}
                filter{if[a]=="b"and!([c]in[1,2]){mutate{add_field=>{"x"=>[]}}}else if[d]=~/e/{}else{drop{}}}
                output { stdout { } }""");

        assertThat(Lscl.print(((ParseResult.Parsed) parsed).config())).isEqualTo("""
                input {
                  beats {
                    port => 5044
                    codec => json {
                      charset => "UTF-8"
                    }
                  }
                }

                filter {
                  if [a] == "b" and !([c] in [1, 2]) {
                    mutate {
                      add_field => {
                        "x" => []
                      }
                    }
                  } else if [d] =~ /e/ {
                  } else {
                    drop {}
                  }
                }

                output {
                  stdout {}
                }
                """);
    }

    @Test
    void printsNothingForAnEmptyConfiguration() {
        assertThat(Lscl.print(new PipelineConfig(List.of()))).isEmpty();
    }

    @Test
    void usesSingleQuotesOnlyWhenTheTextHoldsAnUnescapedDoubleQuote() {
        PipelineConfig config = filter(new Plugin("x", List.of(
                new Attribute("a", new StringLiteral("say \"hi\"")),
                new Attribute("b", new StringLiteral("say \\\"hi\\\"")),
                new Attribute("c", new StringLiteral("it's")))));

        String printed = Lscl.print(config);

        assertThat(printed).contains("a => 'say \"hi\"'", "b => \"say \\\"hi\\\"\"", "c => \"it's\"");
        assertThat(readBack(printed)).isEqualTo(config);
    }

    @Test
    void refusesTextThatNoQuotesCanHold() {
        assertThatThrownBy(() -> new StringLiteral("both \" and '")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StringLiteral("ends with \\")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegexpLiteral("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bareword("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NumberLiteral("1e3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Selector.of("a]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsAOneElementListInAConditionAList() {
        Condition condition = new Condition(new InExpression(Selector.of("level"),
                new ArrayValue(List.of(new StringLiteral("ERROR")))));
        PipelineConfig config = filter(new Branch(List.of(new Clause(condition, List.of())), null));

        String printed = Lscl.print(config);

        assertThat(readBack(printed)).isEqualTo(config);
    }

    @Test
    void quotesPluginNamesThatWouldReadAsBranches() {
        Branch branch = new Branch(List.of(new Clause(new Condition(Selector.of("a")), List.of())), null);
        PipelineConfig config = filter(branch, new Plugin("else", List.of()), new Plugin("if1", List.of()));

        String printed = Lscl.print(config);

        assertThat(printed).contains("\"else\" {}", "\"if1\" {}");
        assertThat(readBack(printed)).isEqualTo(config);
    }

    @Test
    void quotesNamesThatAreNotBare() {
        PipelineConfig config = filter(new Plugin("my plugin", List.of(new Attribute("an attribute", new Bareword("on")))));

        String printed = Lscl.print(config);

        assertThat(printed).contains("\"my plugin\" {", "\"an attribute\" => on");
        assertThat(readBack(printed)).isEqualTo(config);
    }

    @Test
    void treesCompareByContentNotPosition() {
        PipelineConfig parsed = readBack("filter {\n\n\n   x { a => 1 }\n}\n");
        PipelineConfig built = filter(new Plugin("x", List.of(new Attribute("a", new NumberLiteral("1")))));

        assertThat(parsed).isEqualTo(built);
        assertThat(parsed.hashCode()).isEqualTo(built.hashCode());
        assertThat(((Plugin) parsed.sections().getFirst().body().getFirst()).position().line()).isEqualTo(4);
    }
}
