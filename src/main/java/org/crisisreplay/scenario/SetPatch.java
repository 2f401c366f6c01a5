package org.crisisreplay.scenario;

import org.crisisreplay.story.EventTypes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The new values of a {@code set} change. The file that holds them does not say the type of the
 * event they change (the scenario it extends does), so each value is read every way its key can be
 * meant, each reading with the problems it would have; applying the patch picks the reading of the
 * target's type.
 *
 * @param entries the keys of {@code to:} in file order
 */
public record SetPatch(List<Entry> entries) {

    /** The keys every event has that a {@code set} may change. */
    static final List<String> COMMON_KEYS = EventTypes.COMMON_KEYS.stream()
            .filter(k -> !k.equals("id") && !k.equals("type")).toList();

    public SetPatch {
        entries = List.copyOf(entries);
    }

    /**
     * One key and its value, read as the common key of that name ({@code common}) or as each field
     * of that name an event type has ({@code asField}); a key that is neither has no reading.
     */
    public record Entry(Key key, Reading common, Map<EventTypes.FieldSpec, Reading> asField) {
        public Entry {
            asField = Map.copyOf(asField);
        }
    }

    /** A value read one way, and the problems found reading it so. */
    public record Reading(EventDraft.Value value, List<Problem> problems) {
        public Reading {
            problems = List.copyOf(problems);
        }
    }

    /** The keys of {@code to:} that are plain text. */
    Set<String> keys() {
        Set<String> out = new LinkedHashSet<>();
        entries.forEach(e -> {
            if (e.key().name() != null) {
                out.add(e.key().name());
            }
        });
        return out;
    }

    /** The target with the new values; the problems are those of the target type's readings. */
    EventDraft applyTo(EventDraft target, List<Problem> problems) {
        EventTypes.TypeSpec spec = EventTypes.get(target.type());
        List<String> allowed = new ArrayList<>(COMMON_KEYS);
        allowed.addAll(spec.fieldNames());
        List<Problem> found = new ArrayList<>();
        Map<String, Integer> keys = Key.select(entries.stream().map(Entry::key).toList(), allowed,
                "'to' of a " + target.type() + " event", found);
        EventDraft.Builder d = target.toBuilder();
        for (var k : keys.entrySet()) {
            Entry entry = entries.get(k.getValue());
            String key = k.getKey();
            Reading r = COMMON_KEYS.contains(key) ? entry.common() : entry.asField().get(spec.field(key));
            found.addAll(r.problems());
            EventDraft.Value v = r.value();
            switch (key) {
                case "on" -> {
                    if (v.value() != null) {
                        d.on = (DateRef) v.value();
                        d.positions.put("on", v.at());
                    }
                }
                case "reported" -> {
                    if (v.value() != null) {
                        d.reported = (DateRef) v.value();
                        d.positions.put("reported", v.at());
                    }
                }
                case "at" -> {
                    if (r.problems().isEmpty()) {
                        d.time = (String) v.value();
                    }
                }
                case "approx" -> d.approx = (Boolean) v.value();
                case "summary" -> d.summary = (String) v.value();
                case "sources" -> {
                    if (v.value() != null) {
                        d.sources = ((List<?>) v.value()).stream().map(String.class::cast).toList();
                        d.references.removeIf(ref -> ref.field().equals("sources"));
                        d.references.addAll(v.references());
                    }
                }
                default -> d.field(key, v);
            }
        }
        problems.addAll(InvalidScenarioException.capped(found));
        return d.build();
    }
}
