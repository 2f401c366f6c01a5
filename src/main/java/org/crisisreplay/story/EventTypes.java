package org.crisisreplay.story;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event types of the scenario language, read off the {@link StoryEvent} records: each record
 * component after {@code meta} is a field, named in snake_case.
 */
public final class EventTypes {

    private static final java.util.regex.Pattern CAMEL_HUMP = java.util.regex.Pattern.compile("([a-z0-9])([A-Z])");

    /** The snake_case of each name asked for: a name is turned once, not on every event built. */
    private static final Map<String, String> SNAKE = new java.util.concurrent.ConcurrentHashMap<>();

    /** What a field holds, as the language sees it. */
    public enum Kind { TEXT, TEXT_LIST, INTEGER, DATE, FIGURE, AMOUNT, SELECTION }

    /**
     * {@code unknown}: the field may be written {@code unknown} (a count no source gives);
     * {@code doc}: what it means, or empty.
     */
    public record FieldSpec(String name, Kind kind, boolean optional, Field.Ref ref, boolean unknown, String doc) {
    }

    /** {@code doc}: what the type means, or empty. */
    public record TypeSpec(String name, Class<? extends StoryEvent> type, List<FieldSpec> fields, String doc) {

        public FieldSpec field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
        }

        public List<String> fieldNames() {
            return fields.stream().map(FieldSpec::name).toList();
        }
    }

    /** Keys every event may carry, whatever its type. */
    public static final List<String> COMMON_KEYS = List.of("id", "on", "at", "approx", "reported", "type", "summary",
            "sources");

    private static final Map<String, TypeSpec> TYPES = new LinkedHashMap<>();

    static {
        for (Class<? extends StoryEvent> type : StoryEvent.TYPES) {
            List<FieldSpec> fields = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getType() == Meta.class) {
                    continue;
                }
                Field mark = c.getAnnotation(Field.class);
                fields.add(new FieldSpec(snake(c.getName()), kindOf(c), mark != null && mark.optional(),
                        mark == null ? Field.Ref.NONE : mark.ref(), mark != null && mark.unknown(),
                        mark == null ? "" : mark.doc()));
            }
            Doc doc = type.getAnnotation(Doc.class);
            TYPES.put(type.getSimpleName(), new TypeSpec(type.getSimpleName(), type, List.copyOf(fields),
                    doc == null ? "" : doc.value()));
        }
    }

    private EventTypes() {
    }

    public static TypeSpec get(String name) {
        return TYPES.get(name);
    }

    public static Set<String> names() {
        return TYPES.keySet();
    }

    public static List<TypeSpec> all() {
        return List.copyOf(TYPES.values());
    }

    public static String snake(String camel) {
        return SNAKE.computeIfAbsent(camel, c -> CAMEL_HUMP.matcher(c).replaceAll("$1_$2").toLowerCase());
    }

    private static Kind kindOf(RecordComponent c) {
        Class<?> t = c.getType();
        if (t == String.class) {
            return Kind.TEXT;
        } else if (t == int.class || t == Integer.class) {
            return Kind.INTEGER;
        } else if (t == LocalDate.class) {
            return Kind.DATE;
        } else if (t == Figure.class) {
            return Kind.FIGURE;
        } else if (t == Amount.class) {
            return Kind.AMOUNT;
        } else if (t == Selection.class) {
            return Kind.SELECTION;
        } else if (t == List.class && c.getGenericType() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] == String.class) {
            return Kind.TEXT_LIST;
        }
        throw new IllegalStateException("no scenario syntax for " + c);
    }

    /** Builds the stored record from a draft whose dates are resolved. */
    public static StoryEvent build(TypeSpec spec, Meta meta, Map<String, Object> values) {
        RecordComponent[] components = spec.type().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        for (int i = 0; i < components.length; i++) {
            if (types[i] == Meta.class) {
                args[i] = meta;
                continue;
            }
            Object v = values.get(snake(components[i].getName()));
            if (v instanceof Long l && (types[i] == int.class || types[i] == Integer.class)) {
                v = Math.toIntExact(l);
            }
            if (v == null && types[i] == int.class) {
                v = 0;
            }
            args[i] = v;
        }
        try {
            Constructor<? extends StoryEvent> ctor = spec.type().getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot build " + spec.name(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + spec.name(), e);
        }
    }

    /** The fields of a stored event, by their scenario names, in declaration order. */
    public static Map<String, Object> fieldsOf(StoryEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            if (c.getType() == Meta.class) {
                continue;
            }
            try {
                out.put(snake(c.getName()), c.getAccessor().invoke(event));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
