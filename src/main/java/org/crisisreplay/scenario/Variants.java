package org.crisisreplay.scenario;

import org.crisisreplay.story.Figure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variants of a sweep file ({@link VaryDraft}): variant {@code n} is the what-if with each
 * parameter's value for {@code n} applied as one more change, then its contested figures drawn.
 * Its id is {@code SCENARIO~N}; its content (and so its stored stream) is the file's bytes, those of
 * what it extends, and the seed and samples it was drawn with.
 */
public final class Variants {

    /** {@code SCENARIO~N}: the id of a variant, as {@code state}, {@code replay} and {@code diff} take it. */
    public static final Pattern ID = Pattern.compile("(.+)~([1-9][0-9]{0,8})");

    private Variants() {
    }

    /**
     * Which variant to assemble: its number (from 1) and, when the command line overrides them, the
     * seed and samples (null keeps the file's).
     */
    public record Pick(int n, Long seed, Integer samples) {
        VaryDraft applyTo(VaryDraft vary) {
            VaryDraft v = vary.with(seed, samples);
            if (n < 1 || n > v.variants()) {
                throw new InvalidScenarioException(vary.at(), "no variant " + n + ": the sweep has " + v.variants()
                        + " (1 to " + v.variants() + ")");
            }
            return v;
        }
    }

    public static String id(String scenario, int n) {
        return scenario + "~" + n;
    }

    /** A variant's id taken apart: the file or scenario id, and the number; empty if it is no variant id. */
    public static java.util.Optional<Map.Entry<String, Integer>> parse(String fileOrId) {
        Matcher m = ID.matcher(fileOrId);
        return m.matches() ? java.util.Optional.of(Map.entry(m.group(1), Integer.parseInt(m.group(2))))
                : java.util.Optional.empty();
    }

    /** The sweep a file describes, with the command line's overrides (null keeps the file's). */
    public static VaryDraft of(Path file, Long seed, Integer samples) {
        ScenarioFile f = ScenarioReader.read(file, file.toString());
        if (f.vary() == null) {
            throw new InvalidScenarioException(f.idAt(), "scenario '" + f.id() + "' has no 'vary': nothing to sweep"
                    + " (a sweep file is a what-if with a 'vary' section)");
        }
        return f.vary().with(seed, samples);
    }

    /** What makes variant {@code n} what it is, beyond the files' bytes. */
    static String describe(VaryDraft vary, int n) {
        return "variant " + n + " seed " + vary.seed() + " samples " + vary.samples();
    }

    /**
     * Checks that every event the sweep names exists (after the file's changes), whether a variant is
     * assembled or the file as written: a sweep that names a wrong event is refused by {@code validate}.
     */
    static void checkNames(VaryDraft vary, List<EventDraft> events, List<Problem> problems) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>(events.stream().map(EventDraft::id).toList());
        for (VaryDraft.Parameter p : vary.parameters()) {
            ChangeDraft c = p.change(0);
            if (!ids.contains(c.target())) {
                problems.add(new Problem(c.at(), c.verb() + ": no event '" + c.target() + "'"
                        + Suggestions.hint(c.target(), ids)));
            } else if (p instanceof VaryDraft.Set set) {
                // every set of values must fit the event, not only those of the variants run
                EventDraft target = events.stream().filter(e -> e.id().equals(c.target())).findFirst().orElseThrow();
                set.patches().forEach(patch -> patch.applyTo(target, problems));
            }
        }
        if (vary.sampling() != null) {
            VaryDraft.Sampling s = vary.sampling();
            for (int i = 0; i < s.events().size(); i++) {
                String named = s.events().get(i);
                if (!ids.contains(named)) {
                    problems.add(new Problem(s.eventsAt().get(i), "sample: no event '" + named + "'"
                            + Suggestions.hint(named, ids)));
                }
            }
        }
    }

    /** Applies variant {@code n}'s parameter values, then draws its contested figures. */
    static void apply(VaryDraft vary, int n, List<EventDraft> events, List<String> removed, String own,
                      List<Problem> problems) {
        int[] values = vary.valuesOf(n);
        for (int i = 0; i < values.length; i++) {
            WhatIfChanges.apply(vary.parameters().get(i).change(values[i]), events, removed, own, problems);
        }
        if (vary.sampling() == null) {
            return;
        }
        VaryDraft.Sampling s = vary.sampling();
        SplittableRandom random = random(vary.seed(), n);
        for (int i = 0; i < events.size(); i++) {
            EventDraft e = events.get(i);
            if (!s.events().isEmpty() && !s.events().contains(e.id())) {
                continue;
            }
            for (Map.Entry<String, Object> f : e.fields().entrySet()) {
                if (f.getValue() instanceof Figure fig && fig.known() && (s.fields().isEmpty() || s.fields().contains(f.getKey()))) {
                    long lo = Math.min(fig.low(), fig.bestValue());
                    long hi = Math.max(fig.high(), fig.bestValue());
                    if (lo < hi) {
                        e = e.withField(f.getKey(), new Figure(fig.claims(), draw(s.distribution(), lo, fig.bestValue(), hi, random)));
                    }
                }
            }
            events.set(i, e);
        }
    }

    /** The generator of variant {@code n}: depends on the seed and {@code n} only. */
    static SplittableRandom random(long seed, int n) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
    }

    /** A whole number between {@code lo} and {@code hi}: flat, or peaked at {@code best}. */
    static long draw(VaryDraft.Distribution d, long lo, long best, long hi, SplittableRandom random) {
        if (d == VaryDraft.Distribution.UNIFORM) {
            return lo + random.nextLong(hi - lo + 1);
        }
        double u = random.nextDouble();
        double a = lo;
        double b = hi;
        double c = best;
        double x = u < (c - a) / (b - a) ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
        return Math.max(lo, Math.min(hi, Math.round(x)));
    }
}
