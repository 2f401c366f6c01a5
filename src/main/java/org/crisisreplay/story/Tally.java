package org.crisisreplay.story;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A figure as it stands in the state: best, low and high, and the sources behind them.
 * {@code approx}: the best value is (or is summed from) an estimate rather than a reported number.
 */
public record Tally(long best, long low, long high, List<String> sources,
                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean approx) {

    public static final Tally ZERO = new Tally(0, 0, 0, List.of());

    public Tally {
        sources = List.copyOf(sources);
    }

    public Tally(long best, long low, long high, List<String> sources) {
        this(best, low, high, sources, false);
    }

    public Tally plus(Tally other) {
        LinkedHashSet<String> s = new LinkedHashSet<>(sources);
        s.addAll(other.sources);
        return new Tally(best + other.best, low + other.low, high + other.high, new ArrayList<>(s),
                approx || other.approx);
    }

    /** Takes {@code amount} away from best, low and high alike, never below zero. */
    public Tally minus(long amount) {
        return new Tally(Math.max(0, best - amount), Math.max(0, low - amount), Math.max(0, high - amount), sources,
                approx);
    }
}
