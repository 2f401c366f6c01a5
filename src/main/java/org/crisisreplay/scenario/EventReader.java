package org.crisisreplay.scenario;

import org.crisisreplay.story.Amount;
import org.crisisreplay.story.EventTypes;
import org.crisisreplay.story.Field;
import org.crisisreplay.story.Figure;
import org.crisisreplay.story.Selection;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.crisisreplay.scenario.Limits.MAX_EVENTS;

/** Events: the common keys every event has, and the fields of its type. */
final class EventReader {

    static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    private final ReadContext context;
    private final Nodes nodes;
    private final DateReader dates;
    private final FigureReader figures;

    EventReader(ReadContext context) {
        this.context = context;
        this.nodes = new Nodes(context);
        this.dates = new DateReader(nodes);
        this.figures = new FigureReader(context, nodes);
    }

    Nodes nodes() {
        return nodes;
    }

    DateReader dates() {
        return dates;
    }

    /** The events of a list; those {@code composed} read as YAML composed them are taken from it. */
    List<EventDraft> events(Node node, ComposedEventReader composed) {
        List<EventDraft> out = new ArrayList<>();
        SequenceNode seq = nodes.sequence(node, "'events' (a list of events)");
        if (seq == null) {
            return out;
        }
        if (seq.getValue().size() > MAX_EVENTS) {
            throw context.fail(nodes.pos(node), "too many events: " + seq.getValue().size() + " (the limit is "
                    + MAX_EVENTS + ")");
        }
        for (Node n : seq.getValue()) {
            EventDraft d = n == ComposedEventReader.READ ? composed.next(context) : event(n, false);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * One event. A rule's template ({@code template = true}) has no id or date of its own: the
     * rule gives it both.
     */
    EventDraft event(Node node, boolean template) {
        MappingNode map = nodes.mapping(node, template ? "a rule event ({type, ...})" : "an event ({id, on, type, ...})");
        if (map == null) {
            return null;
        }
        int before = context.count();
        Map<String, NodeTuple> raw = Nodes.rawKeys(map);
        EventDraft.Builder d = new EventDraft.Builder(nodes.pos(node));
        EventTypes.TypeSpec spec = null;
        if (raw.containsKey("type")) {
            Node tn = raw.get("type").getValueNode();
            d.type = nodes.text(tn, "'type'");
            if (d.type != null) {
                spec = EventTypes.get(d.type);
                if (spec == null) {
                    nodes.problem(tn, "unknown event type '" + d.type + "'" + Suggestions.hint(d.type, EventTypes.names()));
                }
            }
        } else {
            String near = raw.keySet().stream().filter(k -> Suggestions.closest(k, List.of("type")).isPresent())
                    .findFirst().map(k -> " (is '" + k + "' meant to be 'type'?)").orElse("");
            nodes.problem(node, "missing key 'type'" + near);
        }
        List<String> allowed = new ArrayList<>(EventTypes.COMMON_KEYS);
        if (spec != null) {
            allowed.addAll(spec.fieldNames());
        }
        if (template) {
            allowed.remove("id");
            allowed.remove("on");
        }
        // without a known type, which keys belong is unknown: the missing or unknown type is the one error
        Map<String, NodeTuple> keys = spec != null ? nodes.keys(map, allowed, "a " + d.type + " event") : raw;
        if (keys.containsKey("id")) {
            Node n = keys.get("id").getValueNode();
            d.id = nodes.name(n, "event id");
            d.positions.put("id", nodes.pos(n));
        } else if (!template) {
            nodes.problem(node, "missing key 'id'");
        }
        if (keys.containsKey("on")) {
            d.on = dates.dateRef(keys.get("on").getValueNode());
            d.positions.put("on", nodes.pos(keys.get("on").getValueNode()));
        } else if (!template) {
            nodes.problem(node, "missing key 'on' (a date, or {after: EVENT, days: N})");
        }
        if (keys.containsKey("at")) {
            d.time = time(keys.get("at").getValueNode());
        }
        if (keys.containsKey("approx")) {
            d.approx = nodes.bool(keys.get("approx").getValueNode(), "'approx'");
        }
        if (keys.containsKey("reported")) {
            d.reported = dates.dateRef(keys.get("reported").getValueNode());
            d.positions.put("reported", nodes.pos(keys.get("reported").getValueNode()));
        }
        if (keys.containsKey("summary")) {
            d.summary = nodes.text(keys.get("summary").getValueNode(), "'summary'");
        }
        if (keys.containsKey("sources")) {
            Node n = keys.get("sources").getValueNode();
            d.positions.put("sources", nodes.pos(n));
            List<String> ids = new ArrayList<>();
            SequenceNode s = nodes.sequence(n, "'sources' (a list of source ids)");
            if (s != null) {
                for (Node item : s.getValue()) {
                    String id = nodes.text(item, "a source id");
                    if (id != null) {
                        ids.add(id);
                        d.references.add(new EventDraft.Reference(EventDraft.Reference.Kind.SOURCE, id, "sources",
                                nodes.pos(item)));
                    }
                }
            }
            d.sources = List.copyOf(ids);
        }
        if (spec != null) {
            for (EventTypes.FieldSpec f : spec.fields()) {
                NodeTuple t = keys.get(f.name());
                if (t == null) {
                    if (!f.optional()) {
                        nodes.problem(node, "a " + spec.name() + " event needs '" + f.name() + "'");
                    }
                    continue;
                }
                d.field(f.name(), field(f, t.getValueNode()));
            }
        }
        return context.count() == before ? d.build() : null;
    }

    /** A time of day {@code HH:MM}; null if there is none or it is not one. */
    String time(Node n) {
        String t = nodes.text(n, "'at'");
        if (t != null && !TIME.matcher(t).matches()) {
            nodes.problem(n, "'at' must be a time of day \"HH:MM\" (00:00 to 23:59), not '" + t + "'");
            return null;
        }
        return t;
    }

    /** One field of an event's type (also read for {@code set} changes), with the names it refers to. */
    EventDraft.Value field(EventTypes.FieldSpec f, Node n) {
        List<EventDraft.Reference> references = new ArrayList<>();
        Object value = switch (f.kind()) {
            case TEXT -> nodes.text(n, "'" + f.name() + "'");
            case TEXT_LIST -> nodes.textList(n, f.name());
            case INTEGER -> nodes.whole(n, f.name());
            case DATE -> dates.dateRef(n);
            case FIGURE -> Nodes.isWord(n, UNKNOWN) ? unknown(f, n) : figures.figure(n, f.name(), references);
            case AMOUNT -> Nodes.isWord(n, "all") ? Amount.ALL
                    : Nodes.isWord(n, UNKNOWN) ? wrap(unknown(f, n), Amount::of)
                    : wrap(figures.figure(n, f.name(), references), Amount::of);
            case SELECTION -> Nodes.isWord(n, "all") ? Selection.ALL : wrap(nodes.textList(n, f.name()), Selection::of);
        };
        if (value != null && f.ref() != Field.Ref.NONE) {
            EventDraft.Reference.Kind kind = f.ref() == Field.Ref.ACTOR ? EventDraft.Reference.Kind.ACTOR
                    : EventDraft.Reference.Kind.EVENT;
            if (value instanceof String s) {
                references.add(new EventDraft.Reference(kind, s, f.name(), nodes.pos(n)));
            } else if (value instanceof List<?> list && n instanceof SequenceNode seq) {
                for (int i = 0; i < list.size(); i++) {
                    references.add(new EventDraft.Reference(kind, (String) list.get(i), f.name(),
                            nodes.pos(seq.getValue().get(i))));
                }
            }
        }
        return new EventDraft.Value(value, nodes.pos(n), references);
    }

    /** The word a count that no source gives is written as, where its field allows it. */
    static final String UNKNOWN = "unknown";

    private Figure unknown(EventTypes.FieldSpec f, Node n) {
        if (!f.unknown()) {
            nodes.problem(n, "'" + f.name() + "' cannot be 'unknown' here: give a count or {claims: [...], best: N}");
            return null;
        }
        return Figure.UNKNOWN;
    }

    private static <T, R> R wrap(T value, Function<T, R> to) {
        return value == null ? null : to.apply(value);
    }
}
