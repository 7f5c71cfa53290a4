package org.mesoslogstash.lscl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests against {@link TreetopOracle}, an independent transcription of Logstash's grammar:
 * the parser must accept exactly what the grammar accepts and put each error where Treetop (so
 * Logstash) would.
 */
class LsclAgainstTheGrammarTest {

    private static final int MUTATIONS_PER_FILE = 100;

    private static void assertAgreesWithTheGrammar(String text) {
        int oracle = TreetopOracle.errorOffset(text);
        ParseResult result = Lscl.parse(text);
        if (oracle < 0) {
            assertThat(result).as("the grammar accepts:%n%s", text).isInstanceOf(ParseResult.Parsed.class);
        } else {
            assertThat(result).as("the grammar refuses at offset %d:%n%s", oracle, text)
                    .isInstanceOf(ParseResult.Invalid.class);
            SyntaxError error = ((ParseResult.Invalid) result).errors().getFirst();
            assertThat(error.line() + ":" + error.column()).as("position of %s in:%n%s", error, text)
                    .isEqualTo(lineAndColumn(text, oracle));
        }
    }

    /** Line and column as Treetop counts them (lines end at \n; columns count characters). */
    private static String lineAndColumn(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        return line + ":" + (text.codePointCount(lineStart, offset) + 1);
    }

    static List<Path> corpus() {
        return LsclCorpusTest.corpus();
    }

    static Stream<Arguments> invalidConfigurations() {
        return LsclInvalidInputTest.invalidConfigurations()
                .filter(a -> !((String) a.get()[4]).startsWith("nesting deeper"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void acceptsTheCorpusAsTheGrammarDoes(Path file) {
        assertAgreesWithTheGrammar(LsclCorpusTest.read(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void putsEachKnownErrorWhereTheGrammarDoes(String name, String text, int line, int column, String message) {
        assertThat(TreetopOracle.errorOffset(text)).isNotNegative();
        assertAgreesWithTheGrammar(text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void agreesOnMutatedCorpusFiles(Path file) {
        String original = LsclCorpusTest.read(file);
        Random random = new Random(31L * file.getFileName().toString().hashCode());
        for (int i = 0; i < MUTATIONS_PER_FILE; i++) {
            String mutated = original;
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                mutated = LsclFuzzTest.mutate(mutated, random);
            }
            assertAgreesWithTheGrammar(mutated);
        }
    }

    @Test
    void agreesOnPrintedRandomTrees() {
        for (long seed = 0; seed < 300; seed++) {
            assertAgreesWithTheGrammar(Lscl.print(new RandomConfigs(seed).config()));
        }
    }
}
