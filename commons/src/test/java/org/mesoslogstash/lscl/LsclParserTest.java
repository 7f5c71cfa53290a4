package org.mesoslogstash.lscl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LsclParserTest {

    private static PipelineConfig parsed(String text) {
        ParseResult result = Lscl.parse(text);
        assertThat(result).as("parse of:%n%s", text).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).config();
    }

    private static Plugin onlyPlugin(String text) {
        PipelineConfig config = parsed(text);
        assertThat(config.sections()).hasSize(1);
        return (Plugin) config.sections().getFirst().body().getFirst();
    }

    @Test
    void readsSectionsPluginsAndAttributesInOrder() {
        PipelineConfig config = parsed("""
                input { beats { port => 5044 } }
                filter { }
                output { stdout {} }
                """);

        assertThat(config).isEqualTo(new PipelineConfig(List.of(
                new Section(SectionType.INPUT, List.of(new Plugin("beats",
                        List.of(new Attribute("port", new NumberLiteral("5044")))))),
                new Section(SectionType.FILTER, List.of()),
                new Section(SectionType.OUTPUT, List.of(new Plugin("stdout", List.of()))))));
    }

    @Test
    void recordsWherePluginsAndAttributesStart() {
        PipelineConfig config = parsed("input {\n  beats {\n    port => 5044\n  }\n}\n");

        Plugin beats = (Plugin) config.sections().getFirst().body().getFirst();
        assertThat(beats.position()).usingRecursiveComparison().isEqualTo(new SourcePosition(2, 3));
        assertThat(beats.attributes().getFirst().position().line()).isEqualTo(3);
        assertThat(beats.attributes().getFirst().position().column()).isEqualTo(5);
    }

    @Test
    void readsACodecPluginAsAnAttributeValue() {
        Plugin tcp = onlyPlugin("input { tcp { codec => json { charset => \"UTF-8\" } port => 1 } }");

        assertThat(tcp.attributes().getFirst().value())
                .isEqualTo(new Plugin("json", List.of(new Attribute("charset", new StringLiteral("UTF-8")))));
    }

    @Test
    void readsEveryKindOfValue() {
        Plugin plugin = onlyPlugin("""
                filter { mutate {
                  a => true
                  b => 'single "quoted"'
                  c => -1.5
                  d => [1, "two", three, [4]]
                  e => { key => 1 "quoted key" => 'v' 3 => {} }
                  f => 2.
                } }
                """);

        assertThat(plugin.attributes()).extracting(Attribute::value).containsExactly(
                new Bareword("true"),
                new StringLiteral("single \"quoted\""),
                new NumberLiteral("-1.5"),
                new ArrayValue(List.of(new NumberLiteral("1"), new StringLiteral("two"), new Bareword("three"),
                        new ArrayValue(List.of(new NumberLiteral("4"))))),
                new HashValue(List.of(
                        new HashEntry(new Bareword("key"), new NumberLiteral("1")),
                        new HashEntry(new StringLiteral("quoted key"), new StringLiteral("v")),
                        new HashEntry(new NumberLiteral("3"), new HashValue(List.of())))),
                new NumberLiteral("2."));
    }

    @Test
    void keepsDuplicateAttributes() {
        Plugin grok = onlyPlugin("filter { grok { match => { aa => 1 } id => x1 match => { bb => 2 } } }");

        assertThat(grok.attributes()).extracting(Attribute::name).containsExactly("match", "id", "match");
        assertThat(grok.attributesNamed("match")).extracting(a -> ((HashValue) a.value()).entries().size())
                .containsExactly(1, 1);
        assertThat(grok.attributesNamed("absent")).isEmpty();
    }

    @Test
    void recordsPositionsOfEveryKindOfNodeCountingATabAsOneColumnAndCrlfAsOneLineEnd() {
        PipelineConfig config = parsed("filter {\r\n\tif [a] =~ /b/ {\r\n\t} else {\r\n\t\tx { s => \"t\" }\r\n\t}\r\n}");

        Branch branch = (Branch) config.sections().getFirst().body().getFirst();
        RegexpMatch match = (RegexpMatch) branch.clauses().getFirst().condition().first();
        Plugin x = (Plugin) branch.otherwise().body().getFirst();
        assertThat(List.of(config.sections().getFirst().position(), branch.position(), match.position(),
                match.pattern().position(), branch.otherwise().position(), x.position(),
                x.attributes().getFirst().value().position()))
                .extracting(p -> p.line() + ":" + p.column())
                .containsExactly("1:1", "2:2", "2:5", "2:12", "3:4", "4:3", "4:12");
    }

    @Test
    void keepsStringTextAsWrittenAndDecodesEscapesOnRequest() {
        Plugin plugin = onlyPlugin("filter { x { a => \"tab\\there \\\"q\\\" \\d\" } }");
        StringLiteral string = (StringLiteral) plugin.attributes().getFirst().value();

        assertThat(string.text()).isEqualTo("tab\\there \\\"q\\\" \\d");
        assertThat(string.value(false)).isEqualTo("tab\\there \\\"q\\\" \\d");
        assertThat(string.value(true)).isEqualTo("tab\there \"q\" \\d");
    }

    @Test
    void acceptsCommentsWhereverWhitespaceMayStandAndAtTheEnd() {
        PipelineConfig config = parsed("""
                # head
                input # after the name
                { # after the brace
                  stdin # before the brace
                  { # inside
                    tags => [ # in a list
                      "a" # after an element
                      , "b"
                    ] # after a value
                    add_field => { # in a hash
                      "x" => 1 # between entries
                      "y" => 2
                    }
                  }
                } # the end, without a line break""");

        assertThat(config.plugins()).hasSize(1);
    }

    @Test
    void anEmptyTextIsAnEmptyConfiguration() {
        assertThat(parsed("").sections()).isEmpty();
        assertThat(parsed("  # only a comment\n\t\r\n").sections()).isEmpty();
    }

    @Test
    void listsEveryPluginUseWithItsSectionCodecsAndConditionals() {
        PipelineConfig config = parsed("""
                input { tcp { codec => json_lines {} } }
                filter { if [a] { mutate {} } else { drop {} } }
                output { es { nested => [ plain { xx => { yy => rubydebug {} } } ] } }
                """);

        assertThat(config.plugins()).extracting(u -> u.plugin().name() + "/" + u.section() + "/"
                        + (u.conditional() ? "cond" : "-") + "/" + (u.codec() ? "codec" : "-"))
                .containsExactly("tcp/INPUT/-/-", "json_lines/INPUT/-/codec", "mutate/FILTER/cond/-",
                        "drop/FILTER/cond/-", "es/OUTPUT/-/-", "plain/OUTPUT/-/codec", "rubydebug/OUTPUT/-/codec");
    }
}
