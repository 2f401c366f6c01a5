package org.crisisreplay.scenario;

import org.crisisreplay.story.Figure;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A figure: a plain count, or {@code {claims: [{value, source, note, approx}], best: N}}. */
final class FigureReader {

    static final List<String> FIGURE_KEYS = List.of("claims", "best");
    static final List<String> CLAIM_KEYS = List.of("value", "source", "note", "approx");

    private final ReadContext context;
    private final Nodes nodes;

    FigureReader(ReadContext context, Nodes nodes) {
        this.context = context;
        this.nodes = nodes;
    }

    /** The figure of {@code field}; the sources its claims cite are added to {@code references}. */
    Figure figure(Node n, String field, List<EventDraft.Reference> references) {
        if (n instanceof ScalarNode s) {
            if (!s.getValue().replace("_", "").matches("[-+]?\\d+(\\.\\d*)?")) {
                nodes.problem(n, "'" + field + "' must be a count or {claims: [{value, source}], best: N}, not "
                        + Nodes.describe(n));
                return null;
            }
            Long v = nodes.integer(n, "'" + field + "'", 0);
            return v == null ? null : Figure.plain(v);
        }
        MappingNode map = nodes.mapping(n, "'" + field + "' (a count, or {claims: [...], best: N})");
        if (map == null) {
            return null;
        }
        Map<String, NodeTuple> k = nodes.keys(map, FIGURE_KEYS, "figure '" + field + "'");
        if (!k.containsKey("claims")) {
            nodes.problem(n, "figure '" + field + "' needs 'claims'");
            return null;
        }
        SequenceNode claimsNode = nodes.sequence(k.get("claims").getValueNode(), "'claims' (a list of {value, source, note, approx})");
        if (claimsNode == null) {
            return null;
        }
        if (claimsNode.getValue().isEmpty()) {
            nodes.problem(claimsNode, "'claims' needs at least one claim");
            return null;
        }
        List<Figure.Claim> claims = new ArrayList<>();
        int before = context.count();
        for (Node c : claimsNode.getValue()) {
            MappingNode cm = nodes.mapping(c, "a claim ({value, source, note})");
            if (cm == null) {
                continue;
            }
            Map<String, NodeTuple> ck = nodes.keys(cm, CLAIM_KEYS, "claim");
            if (!ck.containsKey("value")) {
                nodes.problem(c, "a claim needs a 'value'");
                continue;
            }
            Long value = nodes.integer(ck.get("value").getValueNode(), "a claim's 'value'", 0);
            String source = null;
            if (ck.containsKey("source")) {
                Node sn = ck.get("source").getValueNode();
                source = nodes.text(sn, "a claim's 'source'");
                if (source != null) {
                    references.add(new EventDraft.Reference(EventDraft.Reference.Kind.SOURCE, source,
                            field + ".claims", nodes.pos(sn)));
                }
            } else {
                nodes.problem(c, "a claim needs a 'source'");
            }
            String note = ck.containsKey("note") ? nodes.text(ck.get("note").getValueNode(), "a claim's 'note'") : null;
            boolean approx = ck.containsKey("approx") && nodes.bool(ck.get("approx").getValueNode(), "a claim's 'approx'");
            if (value != null) {
                claims.add(new Figure.Claim(value, source, note, approx));
            }
        }
        Long best = k.containsKey("best") ? nodes.integer(k.get("best").getValueNode(), "'best'", 0) : null;
        return context.count() == before && !claims.isEmpty() ? new Figure(claims, best) : null;
    }
}
