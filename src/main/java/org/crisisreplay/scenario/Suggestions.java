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
        String lower = word.toLowerCase();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            // the distance is at least the difference in length: such a candidate can never be close
            if (Math.abs(c.length() - word.length()) > allowed) {
                continue;
            }
            int d = distance(lower, c.toLowerCase());
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
        // three rows of the table are enough (a transposition looks two rows back); a file may ask
        // for thousands of suggestions against thousands of names
        int[] older = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    current[j] = Math.min(current[j], older[j - 2] + 1);
                }
            }
            int[] spare = older;
            older = previous;
            previous = current;
            current = spare;
        }
        return previous[b.length()];
    }
}
