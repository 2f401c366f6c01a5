package org.crisisreplay.scenario;

import org.crisisreplay.story.EventTypes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.crisisreplay.scenario.Limits.MAX_DAYS;

/**
 * A what-if file's {@code vary}: {@code seed}, {@code samples} and {@code over}, a list of
 * {@code shift} (an event over a range of days), {@code set} (an event's fields over a list of
 * values) and {@code sample} (contested figures drawn within their claims).
 */
final class VaryReader {

    static final List<String> KEYS = List.of("seed", "samples", "over");
    static final List<String> KINDS = List.of("shift", "set", "sample");
    static final List<String> RANGE_KEYS = List.of("from", "to");
    static final List<String> SAMPLE_WHAT = List.of("claims");
    static final List<String> DISTRIBUTIONS = List.of("uniform", "triangular");

    private final Nodes nodes;
    private final ChangeReader changes;

    VaryReader(ChangeReader changes, Nodes nodes) {
        this.changes = changes;
        this.nodes = nodes;
    }

    /** The sweep, or null if the section is too broken to say. */
    VaryDraft vary(Node node) {
        MappingNode map = nodes.mapping(node, "'vary' ({seed: N, samples: N, over: [shift, set or sample ...]})");
        if (map == null) {
            return null;
        }
        Map<String, NodeTuple> k = nodes.keys(map, KEYS, "vary");
        long seed = VaryDraft.DEFAULT_SEED;
        if (k.containsKey("seed")) {
            Long s = nodes.signedInteger(k.get("seed").getValueNode(), "'seed'");
            seed = s == null ? seed : s;
        }
        int samples = VaryDraft.DEFAULT_SAMPLES;
        if (k.containsKey("samples")) {
            Long s = nodes.integer(k.get("samples").getValueNode(), "'samples'", 1);
            if (s != null && s > Limits.MAX_VARIANTS) {
                nodes.problem(k.get("samples").getValueNode(), "'samples' is too large: " + s + " (the limit is "
                        + Limits.MAX_VARIANTS + ")");
            } else if (s != null) {
                samples = s.intValue();
            }
        }
        List<VaryDraft.Parameter> parameters = new ArrayList<>();
        VaryDraft.Sampling sampling = null;
        if (!k.containsKey("over")) {
            nodes.problem(node, "'vary' needs 'over' (a list of shift, set or sample)");
            return null;
        }
        SequenceNode over = nodes.sequence(k.get("over").getValueNode(), "'over' (a list of shift, set or sample)");
        if (over == null) {
            return null;
        }
        for (Node n : over.getValue()) {
            MappingNode m = nodes.mapping(n, "a variation ({shift: ID, days: {from: A, to: B}}, {set: ID, to: [{...}, ...]}"
                    + " or {sample: claims})");
            if (m == null) {
                continue;
            }
            Map<String, NodeTuple> raw = Nodes.rawKeys(m);
            String kind = raw.keySet().stream().filter(KINDS::contains).findFirst().orElse(null);
            if (kind == null) {
                NodeTuple first = m.getValue().isEmpty() ? null : m.getValue().get(0);
                if (first != null && first.getKeyNode() instanceof ScalarNode key) {
                    nodes.problem(key, "unknown variation '" + key.getValue() + "': a variation is shift, set or sample"
                            + Suggestions.hint(key.getValue(), KINDS));
                } else {
                    nodes.problem(n, "a variation starts with shift, set or sample");
                }
                continue;
            }
            switch (kind) {
                case "shift" -> {
                    VaryDraft.Parameter p = shift(n, m, raw);
                    if (p != null) {
                        parameters.add(p);
                    }
                }
                case "set" -> {
                    VaryDraft.Parameter p = set(n, m, raw);
                    if (p != null) {
                        parameters.add(p);
                    }
                }
                default -> {
                    if (sampling != null) {
                        nodes.problem(raw.get("sample").getKeyNode(), "'sample' is given twice: one 'sample' says which"
                                + " figures are drawn and how");
                        continue;
                    }
                    sampling = sample(m, raw);
                }
            }
        }
        VaryDraft v = new VaryDraft(seed, samples, parameters, sampling, nodes.pos(node));
        long combinations = 1;
        for (VaryDraft.Parameter p : parameters) {
            combinations = Math.min(combinations * p.size(), Long.MAX_VALUE / Limits.MAX_VARIANTS);
        }
        if (combinations * (sampling == null ? 1 : samples) > Limits.MAX_VARIANTS) {
            nodes.problem(node, "'vary' makes " + combinations * (sampling == null ? 1 : samples)
                    + " variants (the limit is " + Limits.MAX_VARIANTS + ")");
        }
        return v;
    }

    private VaryDraft.Parameter shift(Node n, MappingNode m, Map<String, NodeTuple> raw) {
        Map<String, NodeTuple> k = nodes.keys(m, List.of("shift", "days"), "shift");
        String id = nodes.name(raw.get("shift").getValueNode(), "event id");
        if (!k.containsKey("days")) {
            nodes.problem(n, "'shift' in 'vary' needs 'days' ({from: A, to: B} or a list of whole numbers)");
            return null;
        }
        Node d = k.get("days").getValueNode();
        List<Integer> days = new ArrayList<>();
        if (d instanceof SequenceNode seq) {
            for (Node v : seq.getValue()) {
                Long x = nodes.days(v, "'days'", -MAX_DAYS);
                if (x != null) {
                    days.add(x.intValue());
                }
            }
            if (seq.getValue().isEmpty()) {
                nodes.problem(d, "'days' needs at least one value");
            }
        } else {
            MappingNode range = nodes.mapping(d, "'days' ({from: A, to: B} or a list of whole numbers)");
            if (range == null) {
                return null;
            }
            Map<String, NodeTuple> r = nodes.keys(range, RANGE_KEYS, "days");
            if (!r.containsKey("from") || !r.containsKey("to")) {
                nodes.problem(d, "'days' needs both 'from' and 'to'");
                return null;
            }
            Long from = nodes.days(r.get("from").getValueNode(), "'from'", -MAX_DAYS);
            Long to = nodes.days(r.get("to").getValueNode(), "'to'", -MAX_DAYS);
            if (from == null || to == null) {
                return null;
            }
            if (to < from) {
                nodes.problem(r.get("to").getValueNode(), "'days' ends (" + to + ") before it starts (" + from + ")");
                return null;
            }
            for (long x = from; x <= to; x++) {
                days.add((int) x);
            }
        }
        return id == null || days.isEmpty() ? null
                : new VaryDraft.Shift(id, nodes.pos(raw.get("shift").getValueNode()), days);
    }

    private VaryDraft.Parameter set(Node n, MappingNode m, Map<String, NodeTuple> raw) {
        Map<String, NodeTuple> k = nodes.keys(m, List.of("set", "to"), "set");
        String id = nodes.name(raw.get("set").getValueNode(), "event id");
        if (!k.containsKey("to")) {
            nodes.problem(n, "'set' in 'vary' needs 'to' (a list of maps of fields, one per value)");
            return null;
        }
        SequenceNode seq = nodes.sequence(k.get("to").getValueNode(), "'to' (a list of maps of fields, one per value)");
        if (seq == null) {
            return null;
        }
        if (seq.getValue().isEmpty()) {
            nodes.problem(seq, "'to' needs at least one value");
            return null;
        }
        List<SetPatch> patches = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Node v : seq.getValue()) {
            MappingNode to = nodes.mapping(v, "a map of fields and their values");
            if (to != null) {
                patches.add(changes.patch(to));
                labels.add(label(to));
            }
        }
        return id == null || patches.size() != seq.getValue().size() ? null
                : new VaryDraft.Set(id, nodes.pos(raw.get("set").getValueNode()), patches, labels);
    }

    private VaryDraft.Sampling sample(MappingNode m, Map<String, NodeTuple> raw) {
        Map<String, NodeTuple> k = nodes.keys(m, List.of("sample", "distribution", "fields", "events"), "sample");
        Node what = raw.get("sample").getValueNode();
        String w = nodes.text(what, "'sample'");
        if (w != null && !SAMPLE_WHAT.contains(w)) {
            nodes.problem(what, "'sample' draws 'claims', not '" + w + "'" + Suggestions.hint(w, SAMPLE_WHAT));
        }
        VaryDraft.Distribution distribution = VaryDraft.Distribution.TRIANGULAR;
        if (k.containsKey("distribution")) {
            Node dn = k.get("distribution").getValueNode();
            String d = nodes.text(dn, "'distribution'");
            if (d != null && DISTRIBUTIONS.contains(d)) {
                distribution = VaryDraft.Distribution.valueOf(d.toUpperCase(Locale.ROOT));
            } else if (d != null) {
                nodes.problem(dn, "unknown distribution '" + d + "': uniform or triangular"
                        + Suggestions.hint(d, DISTRIBUTIONS));
            }
        }
        List<String> fields = List.of();
        if (k.containsKey("fields")) {
            Node fn = k.get("fields").getValueNode();
            List<String> f = nodes.textList(fn, "fields");
            fields = f == null ? List.of() : f;
            java.util.Set<String> figures = new java.util.TreeSet<>();
            for (EventTypes.TypeSpec type : EventTypes.all()) {
                type.fields().stream().filter(x -> x.kind() == EventTypes.Kind.FIGURE).forEach(x -> figures.add(x.name()));
            }
            for (int i = 0; i < fields.size(); i++) {
                if (!figures.contains(fields.get(i))) {
                    nodes.problem(((SequenceNode) fn).getValue().get(i), "no event type has a figure '" + fields.get(i)
                            + "'" + Suggestions.hint(fields.get(i), figures));
                }
            }
        }
        List<String> events = List.of();
        List<Position> eventsAt = new ArrayList<>();
        if (k.containsKey("events")) {
            Node en = k.get("events").getValueNode();
            List<String> e = nodes.textList(en, "events");
            events = e == null ? List.of() : e;
            if (e != null) {
                ((SequenceNode) en).getValue().forEach(x -> eventsAt.add(nodes.pos(x)));
            }
        }
        return new VaryDraft.Sampling(distribution, fields, events, eventsAt, nodes.pos(what));
    }

    /** A set of values as the output names it: {@code field=value, ...} for plain values. */
    private static String label(MappingNode to) {
        List<String> parts = new ArrayList<>();
        for (NodeTuple t : to.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            String value = t.getValueNode() instanceof ScalarNode s ? s.getValue() : "{...}";
            parts.add(key + "=" + value);
        }
        return String.join(", ", parts);
    }
}
