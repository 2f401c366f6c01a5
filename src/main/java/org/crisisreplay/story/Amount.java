package org.crisisreplay.story;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A number of troops leaving: a figure, {@code all} of the contingent, or (where the field allows it)
 * {@link Figure#UNKNOWN}, a departure of a size no source gives.
 */
public record Amount(boolean all, Figure figure) {

    public static final Amount ALL = new Amount(true, null);

    public static Amount of(Figure figure) {
        return new Amount(false, figure);
    }

    /**
     * What is left of a contingent that had {@code had} once this amount leaves it: nothing after
     * {@code all}; the count taken from best, low and high after a figure; after a departure of unknown
     * size, a contingent of unknown size (it stays, no one knows how many) citing {@code sources} too.
     */
    public Tally leaving(Tally had, List<String> sources) {
        if (all) {
            return new Tally(0, 0, 0, had.sources());
        }
        if (!figure.known()) {
            LinkedHashSet<String> s = new LinkedHashSet<>(had.sources());
            s.addAll(sources);
            return Tally.unknown(new ArrayList<>(s));
        }
        return had.minus(figure.bestValue());
    }
}
