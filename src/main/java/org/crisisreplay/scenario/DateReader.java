package org.crisisreplay.scenario;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.crisisreplay.scenario.Limits.MAX_DAYS;

/** Dates as a scenario writes them: {@code YYYY-MM-DD}, or days after or before another event. */
final class DateReader {

    static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    static final List<String> RELATIVE_KEYS = List.of("after", "before", "days");

    private final Nodes nodes;

    DateReader(Nodes nodes) {
        this.nodes = nodes;
    }

    DateRef dateRef(Node n) {
        if (n instanceof ScalarNode) {
            LocalDate d = date(n);
            return d == null ? null : DateRef.absolute(d, nodes.pos(n));
        }
        MappingNode map = nodes.mapping(n, "a date (YYYY-MM-DD, or {after: EVENT, days: N})");
        if (map == null) {
            return null;
        }
        Map<String, NodeTuple> k = nodes.keys(map, RELATIVE_KEYS, "relative date");
        boolean after = k.containsKey("after");
        if (after == k.containsKey("before")) {
            nodes.problem(n, "a relative date needs exactly one of 'after' or 'before' (an event id)");
            return null;
        }
        Node anchorNode = k.get(after ? "after" : "before").getValueNode();
        String anchor = nodes.name(anchorNode, "event id");
        Long days = k.containsKey("days") ? nodes.signedInteger(k.get("days").getValueNode(), "'days'") : Long.valueOf(0);
        if (days != null && days < 0) {
            String instead = anchor == null ? "'" + (after ? "before" : "after") + "'"
                    : "{" + (after ? "before" : "after") + ": " + anchor + ", days: " + -days + "}";
            nodes.problem(k.get("days").getValueNode(), "'days' must be 0 or more, not " + days + ": to count back, write "
                    + instead);
            return null;
        }
        if (anchor == null || days == null) {
            return null;
        }
        if (days > MAX_DAYS) {
            nodes.problem(k.get("days").getValueNode(), "'days' is " + days + " days; the limit is " + MAX_DAYS);
            return null;
        }
        return DateRef.relative(anchor, (int) (after ? days : -days), nodes.pos(anchorNode));
    }

    LocalDate date(Node n) {
        String s = nodes.text(n, "a date");
        if (s == null) {
            return null;
        }
        var m = DATE.matcher(s);
        if (!m.matches()) {
            nodes.problem(n, "'" + s + "' is not a date: write YYYY-MM-DD");
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            nodes.problem(n, "date " + s + " does not exist");
            return null;
        }
    }
}
