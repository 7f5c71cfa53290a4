package org.mesoslogstash.lscl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzing, seeded and reproducible: random valid trees must read back as themselves, and mutated corpus
 * files and pathological inputs must get an answer (a tree or an error), never an exception, never a
 * hang. Each parse runs on a worker thread under a generous guard that only detects hangs.
 */
class LsclFuzzTest {

    private static final long HANG_GUARD_SECONDS = 10;
    private static final int GENERATED_TREES = 2_000;
    private static final int MUTATIONS_PER_FILE = 250;
    private static final String ALPHABET = "{}[]()\"'/\\#=<>!~,-.0123456789abeilnorstfx _\n\t\rü";

    private static ExecutorService worker;

    @BeforeAll
    static void startWorker() {
        worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("lscl-fuzz").daemon().factory());
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    /** Parses on the worker; fails the test on an exception or when the parse does not finish. */
    private static ParseResult guardedParse(String text) {
        Future<ParseResult> parse = worker.submit(() -> Lscl.parse(text));
        try {
            return parse.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            parse.cancel(true);
            return fail("the parser did not finish within %d s (a hang) on:%n%s", HANG_GUARD_SECONDS, abbreviate(text));
        } catch (ExecutionException e) {
            return fail("the parser threw " + e.getCause() + " on:%n" + abbreviate(text), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "... (" + text.length() + " characters)";
    }

    /** A tree, or an error inside the text: and a tree must print and read back as itself. */
    private static void assertAnswered(String text) {
        ParseResult result = guardedParse(text);
        switch (result) {
            case ParseResult.Parsed parsed -> {
                String printed = Lscl.print(parsed.config());
                ParseResult again = guardedParse(printed);
                assertThat(again).as("reading back the print of:%n%s%nprinted:%n%s", text, printed)
                        .isEqualTo(new ParseResult.Parsed(parsed.config()));
                assertThat(Lscl.print(((ParseResult.Parsed) again).config())).isEqualTo(printed);
            }
            case ParseResult.Invalid invalid -> {
                SyntaxError error = invalid.errors().getFirst();
                long lines = text.chars().filter(c -> c == '\n').count() + 1;
                assertThat(error.line()).as("line of %s in:%n%s", error, text).isBetween(1, (int) lines);
                assertThat(error.column()).as("column of %s", error).isGreaterThanOrEqualTo(1);
                assertThat(error.message()).isNotBlank();
            }
        }
    }

    @Test
    void randomTreesReadBackAsThemselves() {
        for (long seed = 0; seed < GENERATED_TREES; seed++) {
            PipelineConfig config = new RandomConfigs(seed).config();
            String printed = Lscl.print(config);

            ParseResult result = guardedParse(printed);

            assertThat(result).as("seed %d printed:%n%s", seed, printed).isEqualTo(new ParseResult.Parsed(config));
            assertThat(Lscl.print(config)).isEqualTo(printed);
        }
    }

    static List<Path> corpus() {
        return LsclCorpusTest.corpus();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void mutatedCorpusFilesGetAnAnswer(Path file) {
        String original = LsclCorpusTest.read(file);
        Random random = new Random(file.getFileName().toString().hashCode());
        for (int i = 0; i < MUTATIONS_PER_FILE; i++) {
            String mutated = original;
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                mutated = mutate(mutated, random);
            }
            assertAnswered(mutated);
        }
    }

    static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return String.valueOf(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        int at = random.nextInt(text.length());
        int length = Math.min(text.length() - at, 1 + random.nextInt(20));
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        return switch (random.nextInt(7)) {
            case 0 -> text.substring(0, at) + text.substring(at + 1);
            case 1 -> text.substring(0, at) + c + text.substring(at);
            case 2 -> at + 1 < text.length()
                    ? text.substring(0, at) + text.charAt(at + 1) + text.charAt(at) + text.substring(at + 2) : text;
            case 3 -> text.substring(0, at) + text.substring(at + length);
            case 4 -> text.substring(0, at + length) + text.substring(at, at + length) + text.substring(at + length);
            case 5 -> text.substring(0, at) + c + text.substring(at + 1);
            default -> {
                // move a span elsewhere
                String span = text.substring(at, at + length);
                String rest = text.substring(0, at) + text.substring(at + length);
                int to = random.nextInt(rest.length() + 1);
                yield rest.substring(0, to) + span + rest.substring(to);
            }
        };
    }

    static Stream<String> deepInputs() {
        int n = 10_000;
        return Stream.of(
                "filter { x { a => " + "[".repeat(n) + "]".repeat(n) + " } }",
                "filter { x { a => " + "[".repeat(n) + " } }",
                "filter { x { a => " + "{ k => ".repeat(n) + "1" + " }".repeat(n) + " } }",
                "filter { x { a => " + "c { a => ".repeat(n) + "1" + " }".repeat(n) + " } }",
                "filter { if " + "(".repeat(n) + "[a]" + ")".repeat(n) + " { } }",
                "filter { if " + "(".repeat(n) + " { } }",
                "filter { if " + "!(".repeat(n) + "[a]" + ")".repeat(n) + " { } }",
                "filter { if " + "f(".repeat(n) + ")".repeat(n) + " { } }",
                "filter { if [a] in " + "[".repeat(n) + "]".repeat(n) + " { } }",
                "filter { " + "if [a] { ".repeat(n) + "}".repeat(n) + " }",
                "filter { " + "if [a] { } else { ".repeat(n) + "}".repeat(n) + " }",
                "input { " + "x { ".repeat(n) + "}".repeat(n) + " }",
                "[".repeat(n), "{".repeat(n), "(".repeat(n), "\"".repeat(n), "#".repeat(n), "/".repeat(n),
                "filter { if " + "[".repeat(n) + " { } }",
                "filter { if [a] " + "and [b] ".repeat(n) + "{ } }",
                "filter { x { " + "a => 1 ".repeat(n) + "} }",
                "filter { x { a => \"" + "\\\"".repeat(n) + " } }",
                "filter { x { a => [" + "1, ".repeat(n) + "] } }",
                "filter { x { a => \"" + "a\\\" ".repeat(n) + " } }",
                "filter { if " + "'".repeat(n + 1) + " { } }",
                "filter { x { " + "'a' => 1 ".repeat(n) + "' } }",
                "filter { x { " + "a => \"b\" ".repeat(n) + "c => \"" + " } }",
                "filter { if [a] in " + "[\"".repeat(n) + " { } }",
                "filter { x { h => { " + "\"k\" => 'v' ".repeat(n) + "\"k => 1 } } }");
    }

    @ParameterizedTest
    @MethodSource("deepInputs")
    void deepAndPathologicalInputsGetAnAnswer(String text) {
        assertAnswered(text);
    }

    @Test
    void nestingBeyondTheLimitIsAnErrorThatSaysSo() {
        ParseResult result = guardedParse("filter { x { a => " + "[".repeat(10_000) + "]".repeat(10_000) + " } }");

        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        assertThat(((ParseResult.Invalid) result).errors().getFirst().message()).startsWith("nesting deeper than 100");
    }

    @Test
    void nestingUpToTheLimitParses() {
        // section, plugin, then 98 lists: 100 levels
        String text = "filter { x { a => " + "[".repeat(98) + "]".repeat(98) + " } }";

        assertThat(guardedParse(text)).isInstanceOf(ParseResult.Parsed.class);
        assertAnswered(text);
    }

    @Test
    void aLargeConfigurationParses() {
        String plugin = "  mutate { add_field => { \"a\" => \"%{b}\" } add_tag => [\"x\", \"y\"] }\n"
                + "  if [a] == \"b\" and [c] =~ /d/ { drop {} } else { mutate { id => 'e' } }\n";
        String text = "filter {\n" + plugin.repeat(20_000) + "}\n";

        ParseResult result = guardedParse(text);

        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        assertThat(((ParseResult.Parsed) result).config().plugins()).hasSize(60_000);
    }
}
