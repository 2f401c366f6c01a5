package org.crisisreplay.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a what-if file's changes, in order, to the events of the scenario it extends: each
 * change replaces drafts with new ones (drafts never change).
 */
final class WhatIfChanges {

    private WhatIfChanges() {
    }

    /**
     * Applies one change; what it makes up cites {@code own}, the what-if's own source
     * ({@link OwnSource}).
     */
    static void apply(ChangeDraft c, List<EventDraft> events, List<String> removed, String own,
                      List<Problem> problems) {
        Set<String> ids = new LinkedHashSet<>(events.stream().map(EventDraft::id).toList());
        if (!(c instanceof ChangeDraft.Add) && !ids.contains(c.target())) {
            String known = removed.contains(c.target()) ? ": it was already removed" : Suggestions.hint(c.target(), ids);
            problems.add(new Problem(c.at(), c.verb() + ": no event '" + c.target() + "'" + known));
            return;
        }
        if (c instanceof ChangeDraft.Remove r) {
            Set<String> gone = new LinkedHashSet<>();
            gone.add(r.target());
            boolean grew = true;
            while (grew) {
                grew = false;
                for (EventDraft e : events) {
                    if (gone.contains(e.id())) {
                        continue;
                    }
                    boolean anchored = e.dateRefs().values().stream().anyMatch(d -> d.isRelative() && gone.contains(d.anchor()))
                            || e.references().stream().anyMatch(x -> x.kind() == EventDraft.Reference.Kind.EVENT
                            && gone.contains(x.name()));
                    if (anchored) {
                        gone.add(e.id());
                        grew = true;
                    }
                }
            }
            events.removeIf(e -> gone.contains(e.id()));
            removed.addAll(gone);
        } else if (c instanceof ChangeDraft.Shift s) {
            int i = indexOf(events, s.target());
            EventDraft e = events.get(i);
            DateRef on = e.on().isRelative() ? DateRef.relative(e.on().anchor(), e.on().days() + s.days(), e.on().at())
                    : e.on().shifted(s.days());
            events.set(i, e.withOn(on));
            // an absolute 'reported' date moves with its event, so it cannot fall before it: the
            // shifted event's, and those of the events whose 'on' is anchored on it (they move too)
            for (String moved : movedWith(e.id(), events)) {
                int m = indexOf(events, moved);
                EventDraft d = events.get(m);
                if (d.reported() != null && !d.reported().isRelative()) {
                    d = d.withReported(d.reported().shifted(s.days()));
                }
                events.set(m, d.withSources(OwnSource.withSource(d.sources(), own)).shiftedBy(s.at(), e.id()));
            }
        } else if (c instanceof ChangeDraft.Set s) {
            int i = indexOf(events, s.target());
            int before = problems.size();
            EventDraft set = s.patch().applyTo(events.get(i), problems);
            if (problems.size() == before) {
                Set<String> keys = s.patch().keys();
                if (keys.contains("on")) {
                    set = set.withoutShift();
                }
                set = OwnSource.citeTheSet(set, keys, own);
            }
            boolean moved = problems.size() == before && s.patch().keys().contains("on")
                    && !sameDate(set.on(), events.get(i).on());
            events.set(i, set);
            // the events anchored on it move with it: their new dates are the what-if's, as after a shift
            if (moved) {
                for (String id : movedWith(set.id(), events)) {
                    int m = indexOf(events, id);
                    if (m != i) {
                        EventDraft d = events.get(m);
                        events.set(m, d.withSources(OwnSource.withSource(d.sources(), own)));
                    }
                }
            }
        } else if (c instanceof ChangeDraft.Add a) {
            if (ids.contains(a.target())) {
                problems.add(new Problem(a.added().positionOf("id"), "add: event '" + a.target()
                        + "' already exists"));
            } else {
                events.add(OwnSource.citeIfUncited(a.added(), own));
            }
        }
    }

    /** The event and every event whose {@code on} is anchored on it, directly or through others. */
    private static List<String> movedWith(String anchor, List<EventDraft> events) {
        Set<String> moving = new LinkedHashSet<>(List.of(anchor));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (EventDraft e : events) {
                if (!moving.contains(e.id()) && e.on() != null && e.on().isRelative() && moving.contains(e.on().anchor())) {
                    moving.add(e.id());
                    grew = true;
                }
            }
        }
        return new ArrayList<>(moving);
    }

    /** The same date, written the same way (where it was written aside). */
    private static boolean sameDate(DateRef a, DateRef b) {
        return java.util.Objects.equals(a.date(), b.date()) && java.util.Objects.equals(a.anchor(), b.anchor())
                && a.days() == b.days();
    }

    private static int indexOf(List<EventDraft> events, String id) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException("no event " + id);
    }
}
