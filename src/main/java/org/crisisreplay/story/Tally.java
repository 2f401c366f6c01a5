package org.crisisreplay.story;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A figure as it stands in the state: best, low and high, and the sources behind them.
 * {@code approx}: the best value is (or is summed from) an estimate rather than a reported number.
 * {@code lowerBound}: part of what it counts is of unknown size (a contingent that arrived, or stayed
 * after a drawdown, with no known figure), so best, low and high count only what is known: the real
 * figure is at least that. A contingent of wholly unknown size is 0, 0, 0 and a lower bound.
 */
public record Tally(long best, long low, long high, List<String> sources,
                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean approx,
                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean lowerBound) {

    public static final Tally ZERO = new Tally(0, 0, 0, List.of());

    public Tally {
        sources = List.copyOf(sources);
    }

    public Tally(long best, long low, long high, List<String> sources) {
        this(best, low, high, sources, false, false);
    }

    public Tally(long best, long low, long high, List<String> sources, boolean approx) {
        this(best, low, high, sources, approx, false);
    }

    /** A count no source gives: nothing known, so zero and a lower bound. */
    public static Tally unknown(List<String> sources) {
        return new Tally(0, 0, 0, sources, false, true);
    }

    /** Whether anything is counted here: a known figure above zero, or one of unknown size. */
    public boolean present() {
        return best > 0 || lowerBound;
    }

    public Tally plus(Tally other) {
        LinkedHashSet<String> s = new LinkedHashSet<>(sources);
        s.addAll(other.sources);
        return new Tally(best + other.best, low + other.low, high + other.high, new ArrayList<>(s),
                approx || other.approx, lowerBound || other.lowerBound);
    }

    /** Takes {@code amount} away from best, low and high alike, never below zero; a part of unknown size stays. */
    public Tally minus(long amount) {
        return new Tally(Math.max(0, best - amount), Math.max(0, low - amount), Math.max(0, high - amount), sources,
                approx, lowerBound);
    }
}
