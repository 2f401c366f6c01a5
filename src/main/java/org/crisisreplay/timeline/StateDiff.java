package org.crisisreplay.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.crisisreplay.state.StateJson;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two states' bodies ({@link StateJson#body}) path by path: a figure, a disagreement, a list
 * or a scalar is one path.
 */
public final class StateDiff {

    public record Change(String path, JsonNode from, JsonNode to) {
    }

    private StateDiff() {
    }

    /** Every path of a state's body with its value, in document order. */
    public static Map<String, JsonNode> flatten(JsonNode state) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        walk("", state, out);
        return out;
    }

    private static void walk(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject() && !StateJson.isFigure(node) && !StateJson.isDisagreement(node)) {
            // an empty map (no contingent yet) has no paths: were it one, it would show as a change of
            // its own beside the paths of the entries the other state has
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String path = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
                walk(path, f.getValue(), out);
            }
        } else {
            out.put(prefix, node);
        }
    }

    /** The paths whose values differ, in the order of {@code a} then the paths only {@code b} has. */
    public static List<Change> compare(JsonNode a, JsonNode b) {
        Map<String, JsonNode> fa = flatten(a);
        Map<String, JsonNode> fb = flatten(b);
        Set<String> paths = new LinkedHashSet<>(fa.keySet());
        paths.addAll(fb.keySet());
        JsonNode none = JsonNodeFactory.instance.nullNode();
        return paths.stream()
                .filter(p -> !fa.getOrDefault(p, none).equals(fb.getOrDefault(p, none)))
                .map(p -> new Change(p, fa.getOrDefault(p, none), fb.getOrDefault(p, none)))
                .toList();
    }
}
