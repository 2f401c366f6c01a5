package org.crisisreplay.state;

import org.crisisreplay.story.Tally;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The paths into the state that rules and {@code series} may name, read off the {@link State}
 * records, so that a part added to the state is a path at once: a record's components are named
 * parts, a map's keys (an actor, a casualty category) are written {@code *} here, anything else is
 * a leaf. A figure may be followed by {@code .best}, {@code .low} or {@code .high}.
 */
public final class StatePaths {

    /** The parts of a figure a path may name after it. */
    public static final List<String> FIGURE_PARTS = List.of("best", "low", "high");

    /** One path as listed: {@code *} for a map's key; {@code figure} when it leads to a {@link Tally}. */
    public record Listed(String path, boolean figure) {
    }

    private static final List<Listed> LISTED = listed();

    private static final List<Pattern> PATTERNS = LISTED.stream()
            .map(l -> Pattern.compile(regex(l.path()) + (l.figure() ? "(\\.(" + String.join("|", FIGURE_PARTS) + "))?" : "")))
            .toList();

    private StatePaths() {
    }

    /** Every path, in the order the state shows it. */
    public static List<Listed> all() {
        return LISTED;
    }

    public static boolean isKnown(String path) {
        return PATTERNS.stream().anyMatch(p -> p.matcher(path).matches());
    }

    /** The documented paths, for suggestions and help. */
    public static List<String> examples() {
        return LISTED.stream().map(Listed::path).toList();
    }

    /**
     * The value at a dotted path of a state: a {@link Tally}, a count, a date, a list, a text ...;
     * null where the path leads nowhere (a contingent that never arrived, a figure not yet set).
     */
    public static Object resolve(State state, String path) {
        Object v = state;
        for (String part : path.split("\\.")) {
            if (v == null) {
                return null;
            }
            v = part(v, part);
        }
        return v;
    }

    private static Object part(Object v, String name) {
        if (v instanceof Map<?, ?> m) {
            return m.get(name);
        }
        if (v instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getName().equals(name)) {
                    try {
                        return c.getAccessor().invoke(r);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + name + " of " + r.getClass().getSimpleName(), e);
                    }
                }
            }
        }
        return null;
    }

    private static List<Listed> listed() {
        List<Listed> out = new ArrayList<>();
        components(State.class, "", out);
        return List.copyOf(out);
    }

    private static void components(Class<?> record, String prefix, List<Listed> out) {
        for (RecordComponent c : record.getRecordComponents()) {
            walk(prefix + c.getName(), c.getType(), c.getGenericType(), out);
        }
    }

    private static void walk(String path, Class<?> type, Type generic, List<Listed> out) {
        if (type == Tally.class) {
            out.add(new Listed(path, true));
        } else if (type.isRecord()) {
            components(type, path + ".", out);
        } else if (Map.class.isAssignableFrom(type) && generic instanceof ParameterizedType p) {
            Type value = p.getActualTypeArguments()[1];
            Class<?> raw = value instanceof ParameterizedType pv ? (Class<?>) pv.getRawType() : (Class<?>) value;
            walk(path + ".*", raw, value, out);
        } else {
            out.add(new Listed(path, false));
        }
    }

    private static String regex(String path) {
        return path.replace(".", "\\.").replace("*", "[^.]+");
    }
}
