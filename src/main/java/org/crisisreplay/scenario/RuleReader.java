package org.crisisreplay.scenario;

import org.crisisreplay.state.StatePaths;
import org.crisisreplay.story.EventTypes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.crisisreplay.scenario.Limits.MAX_DAYS;

/** Rules: a condition on events or the state, and the events they make. */
final class RuleReader {

    static final List<String> RULE_KEYS = List.of("id", "when", "after_days", "repeat", "then");
    static final List<String> CONDITION_KEYS = List.of("event", "where", "state", "above", "below", "equals", "all",
            "any");

    private final ReadContext context;
    private final Nodes nodes;
    private final EventReader events;

    RuleReader(ReadContext context, EventReader events) {
        this.context = context;
        this.nodes = events.nodes();
        this.events = events;
    }

    List<RuleDraft> rules(Node node) {
        List<RuleDraft> out = new ArrayList<>();
        SequenceNode seq = nodes.sequence(node, "'rules' (a list of rules)");
        if (seq == null) {
            return out;
        }
        for (Node n : seq.getValue()) {
            MappingNode map = nodes.mapping(n, "a rule ({id, when, then})");
            if (map == null) {
                continue;
            }
            int before = context.count();
            Map<String, NodeTuple> k = nodes.keys(map, RULE_KEYS, "rule");
            String id = null;
            if (k.containsKey("id")) {
                Node idn = k.get("id").getValueNode();
                id = nodes.text(idn, "rule id");
                if (id != null && !Nodes.ID.matcher(id).matches()) {
                    nodes.problem(idn, "rule id '" + id + "' must match [a-z0-9][a-z0-9-]*");
                }
            } else {
                nodes.problem(n, "a rule needs an 'id'");
            }
            Condition when = null;
            if (k.containsKey("when")) {
                when = condition(k.get("when").getValueNode());
            } else {
                nodes.problem(n, "a rule needs 'when' (a condition)");
            }
            int afterDays = 0;
            if (k.containsKey("after_days")) {
                Long v = nodes.integer(k.get("after_days").getValueNode(), "'after_days'", 0);
                afterDays = v == null ? 0 : (int) Math.min(v, MAX_DAYS);
            }
            boolean repeat = k.containsKey("repeat") && nodes.bool(k.get("repeat").getValueNode(), "'repeat'");
            List<EventDraft> then = new ArrayList<>();
            if (k.containsKey("then")) {
                SequenceNode tn = nodes.sequence(k.get("then").getValueNode(), "'then' (a list of events)");
                if (tn != null) {
                    if (tn.getValue().isEmpty()) {
                        nodes.problem(tn, "'then' needs at least one event");
                    }
                    for (Node e : tn.getValue()) {
                        EventDraft d = events.event(e, true);
                        if (d != null) {
                            then.add(d.withRule(id));
                        }
                    }
                }
            } else {
                nodes.problem(n, "a rule needs 'then' (the events it makes)");
            }
            if (context.count() == before) {
                out.add(new RuleDraft(id, nodes.pos(n), when, afterDays, repeat, then));
            }
        }
        return out;
    }

    private Condition condition(Node n) {
        MappingNode map = nodes.mapping(n, "a condition ({event: TYPE}, {state: PATH, above: N}, {all: [...]}, {any: [...]})");
        if (map == null) {
            return null;
        }
        Map<String, NodeTuple> k = nodes.keys(map, CONDITION_KEYS, "condition");
        Position at = nodes.pos(n);
        if (k.containsKey("event")) {
            for (String other : List.of("state", "above", "below", "equals", "all", "any")) {
                if (k.containsKey(other)) {
                    nodes.problem(k.get(other).getKeyNode(), "an event condition cannot also have '" + other + "'");
                }
            }
            Node tn = k.get("event").getValueNode();
            String type = nodes.text(tn, "an event type");
            if (type != null && EventTypes.get(type) == null) {
                nodes.problem(tn, "unknown event type '" + type + "'" + Suggestions.hint(type, EventTypes.names()));
                return null;
            }
            Map<String, String> where = new LinkedHashMap<>();
            if (k.containsKey("where")) {
                MappingNode wm = nodes.mapping(k.get("where").getValueNode(), "'where' (a map of field: value)");
                if (wm != null && type != null) {
                    EventTypes.TypeSpec spec = EventTypes.get(type);
                    for (NodeTuple t : wm.getValue()) {
                        String field = nodes.text(t.getKeyNode(), "a field name");
                        if (field == null) {
                            continue;
                        }
                        if (spec.field(field) == null) {
                            nodes.problem(t.getKeyNode(), "a " + type + " event has no field '" + field + "'"
                                    + Suggestions.hint(field, spec.fieldNames()));
                            continue;
                        }
                        String value = nodes.text(t.getValueNode(), "the value of '" + field + "'");
                        if (value != null) {
                            where.put(field, value);
                        }
                    }
                }
            }
            return type == null ? null : new Condition.OnEvent(type, where, at);
        }
        if (k.containsKey("where")) {
            nodes.problem(k.get("where").getKeyNode(), "'where' goes with an event condition ({event: TYPE, where: {...}})");
        }
        if (k.containsKey("state")) {
            String path = nodes.text(k.get("state").getValueNode(), "a state path");
            List<String> ops = List.of("above", "below", "equals").stream().filter(k::containsKey).toList();
            if (ops.size() != 1) {
                nodes.problem(n, "a state condition needs exactly one of 'above', 'below' or 'equals'");
                return null;
            }
            Node vn = k.get(ops.get(0)).getValueNode();
            String value = nodes.text(vn, "the value to compare");
            Condition.OnState.Op op = Condition.OnState.Op.valueOf(ops.get(0).toUpperCase());
            if (value != null && op != Condition.OnState.Op.EQUALS && !value.matches("-?\\d+(\\.\\d+)?")) {
                nodes.problem(vn, "'" + ops.get(0) + "' compares with a number, not '" + value + "'");
                return null;
            }
            if (path != null && !StatePaths.isKnown(path)) {
                nodes.problem(k.get("state").getValueNode(), "unknown state path '" + path + "'"
                        + Suggestions.hint(path, StatePaths.examples()));
                return null;
            }
            return path == null || value == null ? null : new Condition.OnState(path, op, value, at);
        }
        for (String combinator : List.of("all", "any")) {
            if (k.containsKey(combinator)) {
                SequenceNode seq = nodes.sequence(k.get(combinator).getValueNode(), "'" + combinator + "' (a list of conditions)");
                if (seq == null) {
                    return null;
                }
                List<Condition> parts = new ArrayList<>();
                for (Node p : seq.getValue()) {
                    Condition c = condition(p);
                    if (c != null) {
                        parts.add(c);
                    }
                }
                if (parts.size() != seq.getValue().size()) {
                    return null;
                }
                if (parts.isEmpty()) {
                    nodes.problem(seq, "'" + combinator + "' needs at least one condition");
                    return null;
                }
                return combinator.equals("all") ? new Condition.All(parts, at) : new Condition.Any(parts, at);
            }
        }
        nodes.problem(n, "a condition needs 'event', 'state', 'all' or 'any'");
        return null;
    }
}
