package org.crisisreplay.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event as a scenario file writes it, before its dates are resolved: what-if changes work on
 * drafts. Values are typed ({@link DateRef} for dates, figures parsed) and every value keeps the
 * place it was written, so errors found later still point into the right file.
 */
public final class EventDraft {

    /** A name that must exist elsewhere: an actor, a source or an event. */
    public record Reference(Kind kind, String name, String field, Position at) {
        public enum Kind { ACTOR, SOURCE, EVENT }
    }

    public String id;
    public String type;
    public Position at;
    public DateRef on;
    public String time;
    public boolean approx;
    public DateRef reported;
    public String summary;
    public List<String> sources = List.of();
    public String rule;
    /** The type's own fields by scenario name: String, Long, List, DateRef, Figure, Amount, Selection. */
    public Map<String, Object> fields = new LinkedHashMap<>();
    public Map<String, Position> positions = new LinkedHashMap<>();
    public List<Reference> references = new ArrayList<>();
    /** The what-if {@code shift} that last moved this event (null if none, or if a later set gave it its date). */
    public Position shiftedAt;
    /** The event that {@code shift} names: this one, or the one its date is anchored on. */
    public String shiftedWith;

    public EventDraft copy() {
        EventDraft d = new EventDraft();
        d.id = id;
        d.type = type;
        d.at = at;
        d.on = on;
        d.time = time;
        d.approx = approx;
        d.reported = reported;
        d.summary = summary;
        d.sources = sources;
        d.rule = rule;
        d.fields = new LinkedHashMap<>(fields);
        d.positions = new LinkedHashMap<>(positions);
        d.references = new ArrayList<>(references);
        d.shiftedAt = shiftedAt;
        d.shiftedWith = shiftedWith;
        return d;
    }

    /** Every date of this draft that names another event, with the field it sits in. */
    public Map<String, DateRef> dateRefs() {
        Map<String, DateRef> out = new LinkedHashMap<>();
        if (on != null) {
            out.put("on", on);
        }
        if (reported != null) {
            out.put("reported", reported);
        }
        fields.forEach((k, v) -> {
            if (v instanceof DateRef r) {
                out.put(k, r);
            }
        });
        return out;
    }

    public Position positionOf(String key) {
        return positions.getOrDefault(key, at);
    }
}
