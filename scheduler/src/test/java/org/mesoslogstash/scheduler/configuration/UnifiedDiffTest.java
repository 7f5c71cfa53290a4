package org.mesoslogstash.scheduler.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.diff("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
    }

    @Test
    void aChangedLineIsShownWithThreeLinesOfContext() {
        String a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";

        assertThat(UnifiedDiff.diff("old", a, "new", b)).isEqualTo("""
                --- old
                +++ new
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
    }

    @Test
    void changesFarApartMakeTwoHunks() {
        String a = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
        String b = "A\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\n";

        assertThat(UnifiedDiff.diff("x", a, "y", b)).isEqualTo("""
                --- x
                +++ y
                @@ -1,4 +1,4 @@
                -a
                +A
                 b
                 c
                 d
                @@ -9,4 +9,4 @@
                 i
                 j
                 k
                -l
                +L
                """);
    }

    @Test
    void anAddedTextStartsFromAnEmptyRange() {
        assertThat(UnifiedDiff.diff("x", "", "y", "one\ntwo\n")).isEqualTo("""
                --- x
                +++ y
                @@ -0,0 +1,2 @@
                +one
                +two
                """);
    }

    @Test
    void aRemovedTextEndsInAnEmptyRange() {
        assertThat(UnifiedDiff.diff("x", "one\ntwo\n", "y", "")).isEqualTo("""
                --- x
                +++ y
                @@ -1,2 +0,0 @@
                -one
                -two
                """);
    }

    @Test
    void anInsertionBetweenLinesIsMinimal() {
        assertThat(UnifiedDiff.diff("x", "a\nb\n", "y", "a\nnew\nb\n")).isEqualTo("""
                --- x
                +++ y
                @@ -1,2 +1,3 @@
                 a
                +new
                 b
                """);
    }

    /** Applying the diff's hunks to a gives b, for random edits of random texts (also beyond the edit limit). */
    @Test
    void applyingTheDiffGivesTheNewText() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            List<String> a = randomLines(random, random.nextInt(30));
            List<String> b = new ArrayList<>(a);
            int edits = random.nextInt(8);
            for (int e = 0; e < edits; e++) {
                int at = b.isEmpty() ? 0 : random.nextInt(b.size());
                switch (random.nextInt(3)) {
                    case 0 -> b.add(at, "new" + random.nextInt(5));
                    case 1 -> { if (!b.isEmpty()) { b.remove(at); } }
                    default -> { if (!b.isEmpty()) { b.set(at, "changed" + random.nextInt(5)); } }
                }
            }
            String aText = join(a);
            String bText = join(b);
            assertThat(apply(a, UnifiedDiff.diff("a", aText, "b", bText))).as("round %d: %s -> %s", round, a, b).isEqualTo(b);
        }
        List<String> big = randomLines(random, UnifiedDiff.MAX_EDITS + 500);
        List<String> other = randomLines(random, UnifiedDiff.MAX_EDITS + 300).stream().map(l -> l + "x").toList();
        assertThat(apply(big, UnifiedDiff.diff("a", join(big), "b", join(other)))).isEqualTo(other);
    }

    private static List<String> randomLines(Random random, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("line" + random.nextInt(6));
        }
        return lines;
    }

    private static String join(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** A small patch: checks every context and removed line against a. */
    private static List<String> apply(List<String> a, String diff) {
        if (diff.isEmpty()) {
            return a;
        }
        List<String> out = new ArrayList<>();
        int next = 0; // index in a of the next line not yet copied
        for (String line : UnifiedDiff.lines(diff)) {
            if (line.startsWith("---") || line.startsWith("+++")) {
                continue;
            }
            if (line.startsWith("@@")) {
                String range = line.substring(4, line.indexOf(' ', 4));
                String[] parts = range.split(",");
                int start = Integer.parseInt(parts[0]);
                int count = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
                int from = count == 0 ? start : start - 1;
                while (next < from) {
                    out.add(a.get(next++));
                }
                continue;
            }
            char op = line.charAt(0);
            String text = line.substring(1);
            switch (op) {
                case ' ' -> { assertThat(a.get(next)).isEqualTo(text); out.add(a.get(next++)); }
                case '-' -> { assertThat(a.get(next)).isEqualTo(text); next++; }
                case '+' -> out.add(text);
                default -> throw new AssertionError("unexpected line " + line);
            }
        }
        while (next < a.size()) {
            out.add(a.get(next++));
        }
        return out;
    }
}
