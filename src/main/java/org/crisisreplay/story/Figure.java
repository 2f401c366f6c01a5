package org.crisisreplay.story;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A count as the sources give it: one or more claims, and the value taken as best.
 * A plain number in a scenario file is a figure with one claim and no source of its own;
 * such a figure takes its sources from the event that carries it. {@link #UNKNOWN} (no claims, no
 * best) is a count no source gives, written {@code unknown} where a field allows it.
 */
public record Figure(List<Claim> claims, Long best) {

    /**
     * One source's value. {@code approx}: the value is an estimate or derived from other figures
     * (its note says how), not a number the source reported.
     */
    public record Claim(long value, String source, String note,
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean approx) {

        public Claim(long value, String source, String note) {
            this(value, source, note, false);
        }
    }

    /** A count no source gives. */
    public static final Figure UNKNOWN = new Figure(List.of(), null);

    public Figure {
        claims = List.copyOf(claims);
        if (claims.isEmpty() && best != null) {
            throw new IllegalArgumentException("a figure needs at least one claim");
        }
    }

    /** Whether a source gives the count (false for {@link #UNKNOWN}). */
    public boolean known() {
        return !claims.isEmpty();
    }

    public static Figure plain(long value) {
        return new Figure(List.of(new Claim(value, null, null)), null);
    }

    /** The explicit best, else the first claim. */
    public long bestValue() {
        if (!known()) {
            throw new IllegalStateException("an unknown count has no value");
        }
        return best != null ? best : claims.get(0).value();
    }

    public long low() {
        return claims.stream().mapToLong(Claim::value).min().orElseThrow();
    }

    public long high() {
        return claims.stream().mapToLong(Claim::value).max().orElseThrow();
    }

    /** The claims' sources, or the carrying event's sources for a figure whose claims name none. */
    public List<String> sources(List<String> eventSources) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Claim c : claims) {
            if (c.source() != null) {
                out.add(c.source());
            }
        }
        if (out.isEmpty()) {
            out.addAll(eventSources);
        }
        return new ArrayList<>(out);
    }

    /** The figure as the state shows it: best, low, high and sources. */
    public Tally tally(List<String> eventSources) {
        if (!known()) {
            return Tally.unknown(eventSources);
        }
        // the explicit best may lie outside the claims; low/high still bound every stated value
        long lo = Math.min(low(), bestValue());
        long hi = Math.max(high(), bestValue());
        return new Tally(bestValue(), lo, hi, sources(eventSources), bestIsApprox());
    }

    /** Whether the value taken as best is an estimate: the claim that gives it says so. */
    public boolean bestIsApprox() {
        if (!known()) {
            return false;
        }
        long b = bestValue();
        return claims.stream().filter(c -> c.value() == b).findFirst().map(Claim::approx).orElse(false);
    }

}
