package org.crisisreplay.scenario;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.crisisreplay.scenario.Limits.MAX_DAYS;

/**
 * The values every part of a scenario file is made of (maps and their keys, lists, text, names,
 * numbers, booleans), each read with the problem to report when it is something else.
 */
final class Nodes {

    /** A scenario's or a rule's id. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** The id of an event, an actor or a source. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final ReadContext context;

    Nodes(ReadContext context) {
        this.context = context;
    }

    Position pos(Node n) {
        return context.pos(n);
    }

    void problem(Node n, String message) {
        context.problem(n, message);
    }

    static Map<String, NodeTuple> rawKeys(MappingNode map) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && !out.containsKey(s.getValue())) {
                out.put(s.getValue(), t);
            }
        }
        return out;
    }

    /** The keys of a map as written. */
    List<Key> keysOf(MappingNode map) {
        List<Key> out = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            out.add(new Key(t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null, pos(t.getKeyNode())));
        }
        return out;
    }

    /** The keys of a mapping, reporting unknown ones (with the closest known key) and duplicates. */
    Map<String, NodeTuple> keys(MappingNode map, List<String> allowed, String where) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        Key.select(keysOf(map), allowed, where, context.problems())
                .forEach((key, i) -> out.put(key, map.getValue().get(i)));
        return out;
    }

    MappingNode mapping(Node n, String what) {
        if (n instanceof MappingNode m) {
            return m;
        }
        problem(n, "expected " + what + ", found " + describe(n));
        return null;
    }

    SequenceNode sequence(Node n, String what) {
        if (n instanceof SequenceNode s) {
            return s;
        }
        problem(n, "expected " + what + ", found " + describe(n));
        return null;
    }

    String text(Node n, String what) {
        if (n instanceof ScalarNode s) {
            if (s.getTag().getValue().endsWith(":null") && s.getValue().isEmpty() || s.getValue().equals("~")) {
                problem(n, what + " has no value");
                return null;
            }
            return s.getValue();
        }
        problem(n, "expected " + what + " (text), found " + describe(n));
        return null;
    }

    String name(Node n, String what) {
        String s = text(n, what);
        if (s != null && !NAME.matcher(s).matches()) {
            problem(n, what + " '" + s + "' may hold only letters, digits, '-', '_' and '.'");
            return null;
        }
        return s;
    }

    boolean bool(Node n, String what) {
        if (n instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
            return Boolean.parseBoolean(s.getValue());
        }
        problem(n, what + " must be true or false, not " + describe(n));
        return false;
    }

    Long integer(Node n, String what, long min) {
        Long v = signedInteger(n, what);
        if (v != null && v < min) {
            problem(n, what + " must be " + (min == 0 ? "0 or more" : "at least " + min) + ", not " + v);
            return null;
        }
        return v;
    }

    /**
     * A whole-number field of an event: a span such as {@code within_days} is at least 1 and at most
     * {@link Limits#MAX_DAYS}; any other must fit the int the event record holds.
     */
    Long whole(Node n, String field) {
        if (field.endsWith("_days")) {
            return days(n, "'" + field + "'", 1);
        }
        Long v = integer(n, "'" + field + "'", 0);
        if (v != null && v > Integer.MAX_VALUE) {
            problem(n, "'" + field + "' is too large: " + v + " (the limit is " + Integer.MAX_VALUE + ")");
            return null;
        }
        return v;
    }

    /** A number of days: as a date moves by it, it stays within a century, like every other span. */
    Long days(Node n, String what, long min) {
        Long v = integer(n, what, min);
        if (v != null && Math.abs(v) > MAX_DAYS) {
            problem(n, what + " is " + v + " days; the limit is " + MAX_DAYS);
            return null;
        }
        return v;
    }

    Long signedInteger(Node n, String what) {
        if (n instanceof ScalarNode s) {
            String v = s.getValue().replace("_", "");
            if (v.matches("[-+]?\\d{1,15}")) {
                return Long.parseLong(v);
            }
            if (v.matches("[-+]?\\d+")) {
                problem(n, what + " is too large: " + s.getValue() + " (the limit is 15 digits)");
                return null;
            }
            if (v.matches("[-+]?\\d+\\.\\d*")) {
                problem(n, what + " must be a whole number, not " + s.getValue());
                return null;
            }
        }
        problem(n, what + " must be a whole number, not " + describe(n));
        return null;
    }

    static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a map";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        String v = ((ScalarNode) n).getValue();
        if (v.isEmpty()) {
            return "nothing";
        }
        return "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
    }

    List<String> textList(Node n, String field) {
        SequenceNode seq = sequence(n, "'" + field + "' (a list)");
        if (seq == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            String s = text(item, "an item of '" + field + "'");
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    static boolean isWord(Node n, String word) {
        return n instanceof ScalarNode s && s.getValue().equals(word);
    }
}
