package org.crisisreplay.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A key of a map as written: its text ({@code null} if it is not plain text) and where it is. */
record Key(String name, Position at) {

    /**
     * The keys that are allowed, each with its index in {@code keys}, reporting unknown ones (with
     * the closest known key), duplicates and keys that are not plain text.
     */
    static Map<String, Integer> select(List<Key> keys, List<String> allowed, String where, List<Problem> problems) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Key k = keys.get(i);
            if (k.name() == null) {
                problems.add(new Problem(k.at(), "a key must be plain text"));
            } else if (out.containsKey(k.name())) {
                problems.add(new Problem(k.at(), "duplicate key '" + k.name() + "'"));
            } else if (!allowed.contains(k.name())) {
                problems.add(new Problem(k.at(), "unknown key '" + k.name() + "' in " + where
                        + Suggestions.hint(k.name(), allowed)));
            } else {
                out.put(k.name(), i);
            }
        }
        return out;
    }
}
