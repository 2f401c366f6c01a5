package org.crisisreplay.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event as a scenario file writes it, before its dates are resolved: what-if changes work on
 * drafts. Values are typed ({@link DateRef} for dates, figures parsed) and every value keeps the
 * place it was written, so errors found later still point into the right file. A draft never
 * changes: a what-if change or a rule makes a new one ({@code with...}, {@link #toBuilder()}).
 *
 * @param fields     the type's own fields by scenario name: String, Long, List, DateRef, Figure, Amount, Selection
 * @param positions  where each key's value is written
 * @param references names that must exist elsewhere
 * @param shiftedAt  the what-if {@code shift} that last moved this event (null if none, or if a later set gave it its date)
 * @param shiftedWith the event that {@code shift} names: this one, or the one its date is anchored on
 */
public record EventDraft(String id, String type, Position at, DateRef on, String time, boolean approx,
                         DateRef reported, String summary, List<String> sources, String rule,
                         Map<String, Object> fields, Map<String, Position> positions, List<Reference> references,
                         Position shiftedAt, String shiftedWith) {

    /** A name that must exist elsewhere: an actor, a source or an event. */
    public record Reference(Kind kind, String name, String field, Position at) {
        public enum Kind { ACTOR, SOURCE, EVENT }
    }

    public EventDraft {
        sources = sources == null ? List.of() : List.copyOf(sources);
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        positions = Collections.unmodifiableMap(new LinkedHashMap<>(positions));
        references = List.copyOf(references);
    }

    public EventDraft withOn(DateRef on) {
        return new EventDraft(id, type, at, on, time, approx, reported, summary, sources, rule, fields, positions,
                references, shiftedAt, shiftedWith);
    }

    public EventDraft withReported(DateRef reported) {
        return new EventDraft(id, type, at, on, time, approx, reported, summary, sources, rule, fields, positions,
                references, shiftedAt, shiftedWith);
    }

    public EventDraft withRule(String rule) {
        return new EventDraft(id, type, at, on, time, approx, reported, summary, sources, rule, fields, positions,
                references, shiftedAt, shiftedWith);
    }

    /** The event a rule makes of this template: its own id, the rule's id and its day. */
    public EventDraft madeBy(String id, String rule, DateRef on) {
        return new EventDraft(id, type, at, on, time, approx, reported, summary, sources, rule, fields, positions,
                references, shiftedAt, shiftedWith);
    }

    public EventDraft withSources(List<String> sources) {
        return new EventDraft(id, type, at, on, time, approx, reported, summary, sources, rule, fields, positions,
                references, shiftedAt, shiftedWith);
    }

    /** With one of its type's fields given another value. */
    public EventDraft withField(String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(fields);
        changed.put(name, value);
        return new EventDraft(id, type, at, on, time, approx, reported, summary, sources, rule, changed, positions,
                references, shiftedAt, shiftedWith);
    }

    /** Given its date by a {@code set}: no {@code shift} moved it any more. */
    public EventDraft withoutShift() {
        return new EventDraft(id, type, at, on, time, approx, reported, summary, sources, rule, fields, positions,
                references, null, shiftedWith);
    }

    /** Moved by the what-if {@code shift} written at {@code shift}, which names the event {@code with}. */
    public EventDraft shiftedBy(Position shift, String with) {
        return new EventDraft(id, type, at, on, time, approx, reported, summary, sources, rule, fields, positions,
                references, shift, with);
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

    Builder toBuilder() {
        Builder b = new Builder(at);
        b.id = id;
        b.type = type;
        b.on = on;
        b.time = time;
        b.approx = approx;
        b.reported = reported;
        b.summary = summary;
        b.sources = sources;
        b.rule = rule;
        b.fields.putAll(fields);
        b.positions.putAll(positions);
        b.references.addAll(references);
        b.shiftedAt = shiftedAt;
        b.shiftedWith = shiftedWith;
        return b;
    }

    /** A value of one key as read, with the names it refers to ({@code value} is null if it could not be read). */
    record Value(Object value, Position at, List<Reference> references) {
    }

    /** A draft being read or changed, key by key. */
    static final class Builder {
        String id;
        String type;
        final Position at;
        DateRef on;
        String time;
        boolean approx;
        DateRef reported;
        String summary;
        List<String> sources = List.of();
        String rule;
        final Map<String, Object> fields = new LinkedHashMap<>();
        final Map<String, Position> positions = new LinkedHashMap<>();
        final List<Reference> references = new ArrayList<>();
        Position shiftedAt;
        String shiftedWith;

        Builder(Position at) {
            this.at = at;
        }

        /** Sets a field of the type, replacing what the field referred to before. */
        void field(String name, Value v) {
            positions.put(name, v.at());
            references.removeIf(r -> r.field().equals(name) || r.field().startsWith(name + "."));
            references.addAll(v.references());
            if (v.value() != null) {
                fields.put(name, v.value());
            }
        }

        EventDraft build() {
            return new EventDraft(id, type, at, on, time, approx, reported, summary, sources, rule, fields, positions,
                    references, shiftedAt, shiftedWith);
        }
    }
}
