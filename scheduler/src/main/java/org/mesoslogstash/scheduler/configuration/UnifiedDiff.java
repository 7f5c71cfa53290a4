package org.mesoslogstash.scheduler.configuration;

import java.util.ArrayList;
import java.util.List;

/**
 * The difference between two texts, line by line, in the unified format of {@code diff -u} (three lines
 * of context). The edit script is Myers' shortest one (E. Myers, "An O(ND) Difference Algorithm and
 * Its Variations", 1986), after the common first and last lines are set aside. When the texts differ
 * in more than {@link #MAX_EDITS} lines, the middle part is shown as removed and added as a whole,
 * which is still a correct diff, only longer, and keeps time and memory bounded.
 *
 * <p>A text ending in a newline has no empty last line; whether the last line ends in a newline is not
 * compared.
 */
public final class UnifiedDiff {

    /** Beyond this many differing lines, the search for the shortest script stops (memory ~ MAX_EDITS² ints). */
    static final int MAX_EDITS = 2_000;
    private static final int CONTEXT = 3;

    private enum Op { KEEP, REMOVE, ADD }

    /** One line of the script: for KEEP and REMOVE, {@code aIndex} is its index in a; for KEEP and ADD, {@code bIndex} in b. */
    private record Edit(Op op, int aIndex, int bIndex) {
    }

    private UnifiedDiff() {
    }

    /** The unified diff from {@code a} (labelled {@code aLabel}) to {@code b}; empty when their lines are equal. */
    public static String diff(String aLabel, String a, String bLabel, String b) {
        List<String> aLines = lines(a);
        List<String> bLines = lines(b);
        List<Edit> script = script(aLines, bLines);
        if (script.stream().allMatch(e -> e.op() == Op.KEEP)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(aLabel).append('\n').append("+++ ").append(bLabel).append('\n');
        int i = 0;
        while (i < script.size()) {
            if (script.get(i).op() == Op.KEEP) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            // The hunk goes on while the next change is at most 2 * CONTEXT kept lines away.
            int lastChange = i;
            for (int j = i; j < script.size(); j++) {
                if (script.get(j).op() != Op.KEEP) {
                    lastChange = j;
                } else if (j - lastChange > 2 * CONTEXT) {
                    break;
                }
            }
            int end = Math.min(script.size(), lastChange + CONTEXT + 1);
            hunk(out, script.subList(start, end), aLines, bLines);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Edit> edits, List<String> a, List<String> b) {
        int aStart = -1;
        int bStart = -1;
        int aCount = 0;
        int bCount = 0;
        // Lines of each side before the hunk: where an empty side's range points, as diff does.
        int aBefore = edits.getFirst().aIndex();
        int bBefore = edits.getFirst().bIndex();
        for (Edit e : edits) {
            if (e.op() != Op.ADD) {
                aStart = aStart < 0 ? e.aIndex() : aStart;
                aCount++;
            }
            if (e.op() != Op.REMOVE) {
                bStart = bStart < 0 ? e.bIndex() : bStart;
                bCount++;
            }
        }
        out.append("@@ -").append(range(aStart, aCount, aBefore)).append(" +").append(range(bStart, bCount, bBefore)).append(" @@\n");
        for (Edit e : edits) {
            switch (e.op()) {
                case KEEP -> out.append(' ').append(a.get(e.aIndex())).append('\n');
                case REMOVE -> out.append('-').append(a.get(e.aIndex())).append('\n');
                case ADD -> out.append('+').append(b.get(e.bIndex())).append('\n');
            }
        }
    }

    /** {@code start,count} 1-based; an empty range names the line before it, as diff does. */
    private static String range(int start, int count, int before) {
        if (count == 0) {
            return before + ",0";
        }
        return count == 1 ? Integer.toString(start + 1) : (start + 1) + "," + count;
    }

    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    /** The edit script turning a into b; every edit carries the position it has on each side (the other side's next index). */
    private static List<Edit> script(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> script = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            script.add(new Edit(Op.KEEP, i, i));
        }
        middle(a, b, prefix, a.size() - suffix, prefix, b.size() - suffix, script);
        for (int i = suffix; i > 0; i--) {
            script.add(new Edit(Op.KEEP, a.size() - i, b.size() - i));
        }
        return script;
    }

    /** Myers' greedy forward search over a[aFrom, aTo) and b[bFrom, bTo), keeping each round's furthest points to walk back. */
    private static void middle(List<String> a, List<String> b, int aFrom, int aTo, int bFrom, int bTo, List<Edit> script) {
        int n = aTo - aFrom;
        int m = bTo - bFrom;
        int max = Math.min(n + m, MAX_EDITS);
        List<int[]> trace = new ArrayList<>(); // trace.get(d)[k + d]: furthest x on diagonal k after round d
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            int[] previous = d == 0 ? null : trace.get(d - 1);
            int[] v = new int[2 * d + 1];
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (d == 0) {
                    x = 0;
                } else if (k == -d || (k != d && at(previous, d - 1, k - 1) < at(previous, d - 1, k + 1))) {
                    x = at(previous, d - 1, k + 1); // down: an addition
                } else {
                    x = at(previous, d - 1, k - 1) + 1; // right: a removal
                }
                int y = x - k;
                while (x < n && y < m && a.get(aFrom + x).equals(b.get(bFrom + y))) {
                    x++;
                    y++;
                }
                v[k + d] = x;
                if (x >= n && y >= m) {
                    found = d;
                }
            }
            trace.add(v);
        }
        if (found < 0) { // too different: all of a's part removed, all of b's added
            for (int i = 0; i < n; i++) {
                script.add(new Edit(Op.REMOVE, aFrom + i, bFrom));
            }
            for (int j = 0; j < m; j++) {
                script.add(new Edit(Op.ADD, aTo, bFrom + j));
            }
            return;
        }
        List<Edit> reversed = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] previous = trace.get(d - 1);
            int k = x - y;
            boolean down = k == -d || (k != d && at(previous, d - 1, k - 1) < at(previous, d - 1, k + 1));
            int prevK = down ? k + 1 : k - 1;
            int prevX = at(previous, d - 1, prevK);
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                x--;
                y--;
                reversed.add(new Edit(Op.KEEP, aFrom + x, bFrom + y));
            }
            if (down) {
                reversed.add(new Edit(Op.ADD, aFrom + prevX, bFrom + prevY));
            } else {
                reversed.add(new Edit(Op.REMOVE, aFrom + prevX, bFrom + prevY));
            }
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) {
            x--;
            y--;
            reversed.add(new Edit(Op.KEEP, aFrom + x, bFrom + y));
        }
        script.addAll(reversed.reversed());
    }

    private static int at(int[] round, int d, int k) {
        return round[k + d];
    }
}
