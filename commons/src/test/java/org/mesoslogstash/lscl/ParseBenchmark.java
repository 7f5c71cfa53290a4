package org.mesoslogstash.lscl;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How fast {@link Lscl#parse} and {@link Lscl#print} go, and whether time grows linearly: parses the
 * whole corpus repeated 1 to 256 times and prints MB/s and nanoseconds per character for each size
 * (median of 7 rounds after warm-up). Run:
 * {@code java -cp <commons test classpath> org.mesoslogstash.lscl.ParseBenchmark}
 */
public final class ParseBenchmark {

    private ParseBenchmark() {
    }

    public static void main(String[] args) {
        String corpus = LsclCorpusTest.corpus().stream().map(LsclCorpusTest::read).map(t -> t + "\n")
                .collect(Collectors.joining());
        for (int warmUp = 0; warmUp < 200; warmUp++) {
            Lscl.parse(corpus);
        }
        measure("the corpus, repeated", copies -> corpus.repeat(copies));
        measure("one line of plugins", copies -> "filter { " + "mutate { add_tag => [\"a\", 'b'] } ".repeat(copies * 400) + "}");
        measure("one long condition", copies -> "filter { if [a] == 1" + " and ([b] =~ /c/ or \"d\" in [e])".repeat(copies * 400)
                + " { } }");
    }

    private static void measure(String what, java.util.function.IntFunction<String> texts) {
        System.out.println(what);
        System.out.println("copies  chars        parse ms  MB/s    ns/char  print ms");
        for (int copies : new int[] {1, 4, 16, 64, 256}) {
            String text = texts.apply(copies);
            long[] parse = new long[7];
            long[] print = new long[7];
            for (int round = 0; round < parse.length; round++) {
                long start = System.nanoTime();
                ParseResult result = Lscl.parse(text);
                parse[round] = System.nanoTime() - start;
                PipelineConfig config = ((ParseResult.Parsed) result).config();
                start = System.nanoTime();
                Lscl.print(config);
                print[round] = System.nanoTime() - start;
            }
            Arrays.sort(parse);
            Arrays.sort(print);
            long parseNanos = parse[parse.length / 2];
            System.out.printf(Locale.ROOT, "%6d  %11d  %8.1f  %6.1f  %7.1f  %8.1f%n", copies, text.length(),
                    parseNanos / 1e6, text.length() / (parseNanos / 1e9) / 1e6, (double) parseNanos / text.length(),
                    print[print.length / 2] / 1e6);
        }
    }
}
