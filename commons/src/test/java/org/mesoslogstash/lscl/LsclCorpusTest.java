package org.mesoslogstash.lscl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus (src/test/resources/lscl/corpus): configurations of the kinds people write, which
 * together use every construct of the grammar.
 */
class LsclCorpusTest {

    static List<Path> corpus() {
        try (Stream<Path> files = Files.list(Path.of(LsclCorpusTest.class.getResource("/lscl/corpus").toURI()))) {
            return files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PipelineConfig parsed(String text) {
        ParseResult result = Lscl.parse(text);
        assertThat(result).as("parse of:%n%s", text).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).config();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parses(Path file) {
        assertThat(parsed(read(file)).sections()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void readsBackWhatItPrints(Path file) {
        PipelineConfig config = parsed(read(file));

        String printed = Lscl.print(config);

        assertThat(parsed(printed)).isEqualTo(config);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void printsTheSameTextAgainFromWhatItPrinted(Path file) {
        String printed = Lscl.print(parsed(read(file)));

        assertThat(Lscl.print(parsed(printed))).isEqualTo(printed);
    }

    @Test
    void hasTwelveFilesAtLeast() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void usesEveryConstructOfTheGrammar() {
        Set<String> used = new TreeSet<>();
        List<String> texts = new ArrayList<>();
        for (Path file : corpus()) {
            String text = read(file);
            texts.add(text);
            used.addAll(NodeKinds.of(parsed(text)));
        }
        String all = String.join("\n", texts);
        if (all.contains("\r\n")) {
            used.add("CRLF line ends");
        }
        if (all.contains("\t")) {
            used.add("tabs");
        }
        if (all.matches("(?s).*(^|\\n)\\s*#.*")) {
            used.add("comment line");
        }
        if (texts.stream().anyMatch(t -> !t.endsWith("\n") && t.substring(t.lastIndexOf('\n') + 1).contains("#"))) {
            used.add("comment ending the text");
        }
        if (all.matches("(?s).*=>\\s*'.*")) {
            used.add("single-quoted string");
        }
        if (all.matches("(?s).*\\n\\s*\"[^\"\\n]+\"\\s*\\{.*")) {
            used.add("quoted plugin name");
        }

        Set<String> required = new TreeSet<>(List.of(
                "section input", "section filter", "section output",
                "plugin statement", "plugin without attributes", "attribute", "if", "else if", "else",
                "attribute value: Plugin", "attribute value: Bareword", "attribute value: StringLiteral",
                "attribute value: NumberLiteral", "attribute value: ArrayValue", "attribute value: HashValue",
                "list element: Plugin", "list element: StringLiteral", "list element: NumberLiteral",
                "hash value: StringLiteral", "hash value: NumberLiteral", "hash value: Bareword",
                "hash key: Bareword", "hash key: NumberLiteral", "hash key: StringLiteral",
                "integer", "decimal", "negative number",
                "string with escaped quote", "string over several lines", "string with escape sequences",
                "boolean and", "boolean or", "boolean xor", "boolean nand",
                "expression: Parenthesized", "expression: Negation", "negated: Parenthesized", "negated: Selector",
                "expression: InExpression", "expression: NotInExpression", "expression: Comparison",
                "expression: RegexpMatch", "expression: Selector", "expression: StringLiteral",
                "expression: NumberLiteral", "expression: ArrayValue", "expression: MethodCall",
                "expression: RegexpLiteral",
                "comparison ==", "comparison !=", "comparison <", "comparison >", "comparison <=", "comparison >=",
                "regexp match =~ with RegexpLiteral", "regexp match =~ with StringLiteral",
                "regexp match !~ with RegexpLiteral",
                "rvalue: StringLiteral", "rvalue: NumberLiteral", "rvalue: Selector", "rvalue: ArrayValue",
                "rvalue: MethodCall", "rvalue: RegexpLiteral",
                "field reference with several elements", "regexp with escaped slash",
                "CRLF line ends", "tabs", "comment line", "comment ending the text", "single-quoted string",
                "quoted plugin name"));

        assertThat(used).containsAll(required);
    }
}
