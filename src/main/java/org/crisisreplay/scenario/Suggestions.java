package org.crisisreplay.scenario;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" for misspelled keys, types and ids. */
public final class Suggestions {

    /** Longer words get no suggestion: no name in a scenario is that long by mistake. */
    private static final int MAX_WORD = 200;

    private Suggestions() {
    }

    /** The closest candidate within a small edit distance, if any; ties go to the first in order. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        // the distance table is word x candidate: a hostile file could make both megabytes long
        if (word.length() > MAX_WORD) {
            return Optional.empty();
        }
        int allowed = Math.max(2, word.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            // the distance is at least the difference in length: such a candidate can never be close
            if (Math.abs(c.length() - word.length()) > allowed) {
                continue;
            }
            int d = distance(word.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code " (did you mean 'x'?)"} or nothing. */
    public static String hint(String word, Collection<String> candidates) {
        return closest(word, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** Optimal string alignment distance: Levenshtein with adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
