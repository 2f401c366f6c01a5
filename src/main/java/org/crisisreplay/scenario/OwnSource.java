package org.crisisreplay.scenario;

import org.crisisreplay.story.Amount;
import org.crisisreplay.story.Figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The source of what a file makes up: the values a what-if sets, shifts or adds, and the events
 * its rules make, unless the file cites a source for them. It names the file, so that a
 * hypothetical figure never wears a real outlet's name; the id cannot clash with a declared one
 * (a declared id has no colon).
 */
final class OwnSource {

    private OwnSource() {
    }

    static ScenarioFile.SourceDef of(ScenarioFile f) {
        String name = f.path() != null ? String.valueOf(f.path().getFileName()) : f.name();
        return f.isWhatIf()
                ? new ScenarioFile.SourceDef("what-if:" + f.id(), "the what-if " + name
                        + " itself: a hypothetical value, reported by no one", null, null, f.idAt())
                : new ScenarioFile.SourceDef("scenario:" + f.id(), "the scenario file " + name
                        + " itself: made by its rules, reported by no one", null, null, f.idAt());
    }

    /** The draft, citing {@code own} if it cites nothing (its plain figures then take it too). */
    static EventDraft citeIfUncited(EventDraft d, String own) {
        return d.sources().isEmpty() ? d.withSources(List.of(own)) : d;
    }

    /** The rule, its events citing {@code own} where they cite nothing. */
    static RuleDraft citeIfUncited(RuleDraft r, String own) {
        return new RuleDraft(r.id(), r.at(), r.when(), r.afterDays(), r.repeat(),
                r.then().stream().map(t -> citeIfUncited(t, own)).toList());
    }

    static List<String> withSource(List<String> sources, String own) {
        if (sources.contains(own)) {
            return sources;
        }
        List<String> out = new ArrayList<>(sources);
        out.add(own);
        return List.copyOf(out);
    }

    /**
     * What a {@code set} wrote is the what-if's: a figure it set without sources of its own has the
     * what-if as its only source (the base's claims went with the old value), and the event cites
     * the what-if beside its own sources, unless the set gave the event its sources or set only
     * figures whose claims cite theirs.
     */
    static EventDraft citeTheSet(EventDraft target, Set<String> keys, String own) {
        EventDraft.Builder d = target.toBuilder();
        boolean invented = false;
        for (String key : keys) {
            Object v = d.fields.get(key);
            Figure f = figureOf(v);
            if (f != null && unsourced(f)) {
                d.fields.put(key, v instanceof Amount ? Amount.of(sourced(f, own)) : sourced(f, own));
            }
            invented |= f == null || unsourced(f);
        }
        if (invented && !keys.contains("sources")) {
            d.sources = withSource(d.sources, own);
        }
        return d.build();
    }

    private static Figure figureOf(Object v) {
        return v instanceof Figure fig ? fig : v instanceof Amount a && !a.all() ? a.figure() : null;
    }

    private static boolean unsourced(Figure f) {
        return f.claims().stream().allMatch(c -> c.source() == null);
    }

    private static Figure sourced(Figure f, String source) {
        return new Figure(f.claims().stream().map(c -> new Figure.Claim(c.value(), source, c.note(), c.approx())).toList(),
                f.best());
    }

    /** Declares the file's own source if anything cites it (an unused one would only be noise). */
    static void addIfCited(ScenarioFile.SourceDef own, Map<String, ScenarioFile.SourceDef> sources,
                           List<EventDraft> events, List<RuleDraft> rules) {
        boolean cited = events.stream().anyMatch(e -> cites(e, own.id()))
                || rules.stream().anyMatch(r -> r.then().stream().anyMatch(t -> cites(t, own.id())));
        if (cited) {
            sources.put(own.id(), own);
        }
    }

    private static boolean cites(EventDraft d, String source) {
        if (d.sources().contains(source)) {
            return true;
        }
        for (Object v : d.fields().values()) {
            Figure f = figureOf(v);
            if (f != null && f.claims().stream().anyMatch(c -> source.equals(c.source()))) {
                return true;
            }
        }
        return false;
    }
}
