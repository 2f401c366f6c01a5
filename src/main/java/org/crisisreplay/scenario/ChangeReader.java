package org.crisisreplay.scenario;

import org.crisisreplay.story.EventTypes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.crisisreplay.scenario.Limits.MAX_DAYS;

/** A what-if file's {@code changes}: remove, shift, set or add. */
final class ChangeReader {

    static final List<String> VERBS = List.of("remove", "shift", "set", "add");

    private final ReadContext context;
    private final Nodes nodes;
    private final EventReader events;

    ChangeReader(ReadContext context, EventReader events) {
        this.context = context;
        this.nodes = events.nodes();
        this.events = events;
    }

    List<ChangeDraft> changes(Node node) {
        List<ChangeDraft> out = new ArrayList<>();
        SequenceNode seq = nodes.sequence(node, "'changes' (a list of remove, shift, set or add)");
        if (seq == null) {
            return out;
        }
        for (Node n : seq.getValue()) {
            MappingNode map = nodes.mapping(n, "a change ({remove: ID}, {shift: ID, days: N}, {set: ID, to: {...}} or {add: EVENT})");
            if (map == null) {
                continue;
            }
            Map<String, NodeTuple> raw = Nodes.rawKeys(map);
            String verb = raw.keySet().stream().filter(VERBS::contains).findFirst().orElse(null);
            if (verb == null) {
                NodeTuple first = map.getValue().isEmpty() ? null : map.getValue().get(0);
                if (first != null && first.getKeyNode() instanceof ScalarNode k) {
                    nodes.problem(k, "unknown change '" + k.getValue() + "': a change is remove, shift, set or add"
                            + Suggestions.hint(k.getValue(), VERBS));
                } else {
                    nodes.problem(n, "a change starts with remove, shift, set or add");
                }
                continue;
            }
            Position at = nodes.pos(raw.get(verb).getValueNode());
            switch (verb) {
                case "remove" -> {
                    nodes.keys(map, List.of("remove"), "remove");
                    String id = nodes.name(raw.get("remove").getValueNode(), "event id");
                    if (id != null) {
                        out.add(new ChangeDraft.Remove(id, at));
                    }
                }
                case "shift" -> {
                    Map<String, NodeTuple> k = nodes.keys(map, List.of("shift", "days"), "shift");
                    String id = nodes.name(raw.get("shift").getValueNode(), "event id");
                    if (!k.containsKey("days")) {
                        nodes.problem(n, "'shift' needs 'days' (a whole number, negative to move earlier)");
                        continue;
                    }
                    Long days = nodes.days(k.get("days").getValueNode(), "'days'", -MAX_DAYS);
                    if (id != null && days != null) {
                        out.add(new ChangeDraft.Shift(id, at, days.intValue()));
                    }
                }
                case "set" -> {
                    Map<String, NodeTuple> k = nodes.keys(map, List.of("set", "to"), "set");
                    String id = nodes.name(raw.get("set").getValueNode(), "event id");
                    if (!k.containsKey("to")) {
                        nodes.problem(n, "'set' needs 'to' (a map of fields and their new values)");
                        continue;
                    }
                    MappingNode to = nodes.mapping(k.get("to").getValueNode(), "'to' (a map of fields)");
                    if (id != null && to != null) {
                        out.add(new ChangeDraft.Set(id, at, patch(to)));
                    }
                }
                default -> {
                    nodes.keys(map, List.of("add"), "add");
                    EventDraft d = events.event(raw.get("add").getValueNode(), false);
                    if (d != null) {
                        out.add(new ChangeDraft.Add(d.id(), at, d));
                    }
                }
            }
        }
        return out;
    }

    /** The values of {@code to:}, each read as every key of its name can be meant (see {@link SetPatch}). */
    SetPatch patch(MappingNode to) {
        List<Key> keys = nodes.keysOf(to);
        List<SetPatch.Entry> entries = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            Node n = to.getValue().get(i).getValueNode();
            SetPatch.Reading common = null;
            Map<EventTypes.FieldSpec, SetPatch.Reading> asField = new LinkedHashMap<>();
            if (key.name() != null && SetPatch.COMMON_KEYS.contains(key.name())) {
                common = aside(r -> common(r, key.name(), n));
            } else if (key.name() != null) {
                for (EventTypes.TypeSpec type : EventTypes.all()) {
                    EventTypes.FieldSpec f = type.field(key.name());
                    if (f != null && !asField.containsKey(f)) {
                        asField.put(f, aside(r -> r.field(f, n)));
                    }
                }
            }
            entries.add(new SetPatch.Entry(key, common, asField));
        }
        return new SetPatch(entries);
    }

    /** Reads a value with a reader of its own, keeping its problems aside: they count only if this reading is used. */
    private SetPatch.Reading aside(Function<EventReader, EventDraft.Value> read) {
        ReadContext own = new ReadContext(context.file());
        EventDraft.Value value = read.apply(new EventReader(own));
        return new SetPatch.Reading(value, own.problems());
    }

    private static EventDraft.Value common(EventReader r, String key, Node n) {
        Position at = r.nodes().pos(n);
        return switch (key) {
            case "on", "reported" -> new EventDraft.Value(r.dates().dateRef(n), at, List.of());
            case "at" -> new EventDraft.Value(r.time(n), at, List.of());
            case "approx" -> new EventDraft.Value(r.nodes().bool(n, "'approx'"), at, List.of());
            case "summary" -> new EventDraft.Value(r.nodes().text(n, "'summary'"), at, List.of());
            case "sources" -> {
                List<String> ids = r.nodes().textList(n, "sources");
                List<EventDraft.Reference> refs = new ArrayList<>();
                if (ids != null) {
                    SequenceNode seq = (SequenceNode) n;
                    for (int i = 0; i < ids.size(); i++) {
                        refs.add(new EventDraft.Reference(EventDraft.Reference.Kind.SOURCE, ids.get(i), "sources",
                                r.nodes().pos(seq.getValue().get(i))));
                    }
                }
                yield new EventDraft.Value(ids, at, refs);
            }
            default -> throw new IllegalArgumentException(key);
        };
    }
}
