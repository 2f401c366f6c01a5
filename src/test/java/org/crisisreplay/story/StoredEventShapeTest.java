package org.crisisreplay.story;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every event type, serialized as the event store holds it (Axon's Jackson serializer on the
 * application's ObjectMapper), is the JSON committed under {@code src/test/resources/stored-events/}:
 * a stored event's shape cannot change by accident, and stored stories stay readable. Each type
 * gets a sample of every one of its fields, made from the record's components, so a new type needs
 * only its file: {@code mvn test -Dtest=StoredEventShapeTest -Dstored-events.update=true} writes
 * the missing ones (review them before committing).
 */
class StoredEventShapeTest {

    private static final Path PINNED = Path.of("src/test/resources/stored-events");
    private static final boolean UPDATE = Boolean.getBoolean("stored-events.update");

    private static JacksonSerializer serializer;

    @BeforeAll
    static void theStoresSerializer() {
        AtomicReference<ObjectMapper> mapper = new AtomicReference<>();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .run(context -> mapper.set(context.getBean(ObjectMapper.class)));
        serializer = JacksonSerializer.builder().objectMapper(mapper.get()).build();
    }

    @TestFactory
    Stream<DynamicTest> eachEventTypeIsStoredAsPinned() {
        List<Class<?>> types = Arrays.stream(StoryEvent.class.getPermittedSubclasses()).toList();
        return types.stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
            String json = serializer.serialize(sample(type), String.class).getData() + "\n";
            Path file = PINNED.resolve(type.getSimpleName() + ".json");
            if (!Files.exists(file)) {
                if (UPDATE) {
                    Files.writeString(file, json, StandardCharsets.UTF_8);
                    return;
                }
                fail("no pinned JSON for the event type " + type.getSimpleName() + ": add " + file
                        + " (run with -Dstored-events.update=true to write it from the current shape):\n" + json);
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), json, () -> "the stored shape of "
                    + type.getSimpleName() + " changed: stories already stored would no longer read back as written");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyPinnedFileIsAnEventType() throws IOException {
        List<String> names = Arrays.stream(StoryEvent.class.getPermittedSubclasses()).map(Class::getSimpleName).toList();
        try (Stream<Path> files = Files.list(PINNED)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().stream()
                    .map(f -> DynamicTest.dynamicTest(f, () -> assertEquals(true,
                            names.contains(f.replaceFirst("\\.json$", "")), f + " pins no event type")));
        }
    }

    /** An event of the type with a value in every field, each value telling which field it is. */
    private static Object sample(Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] classes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            classes[i] = components[i].getType();
            values[i] = value(components[i].getName(), components[i].getGenericType());
        }
        return type.getDeclaredConstructor(classes).newInstance(values);
    }

    private static Object value(String name, Type type) {
        Figure figure = new Figure(List.of(new Figure.Claim(120, "source-a", "a note", false),
                new Figure.Claim(150, "source-b", null, true)), 130L);
        if (type == Meta.class) {
            return new Meta("event-id", LocalDate.of(2001, 2, 3), "10:30", true, LocalDate.of(2001, 2, 4),
                    "a summary", List.of("source-a"), "rule-id");
        }
        if (type == String.class) {
            return name + "-value";
        }
        if (type == int.class || type == Integer.class) {
            return 7;
        }
        if (type == long.class || type == Long.class) {
            return 7L;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2001, 2, 10);
        }
        if (type == Figure.class) {
            return figure;
        }
        if (type == Amount.class) {
            return Amount.of(figure);
        }
        if (type == Selection.class) {
            return Selection.of(List.of(name + "-1", name + "-2"));
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == String.class) {
            return new ArrayList<>(List.of(name + "-1", name + "-2"));
        }
        throw new AssertionError("no sample value for a field of type " + type + ": add one to this test");
    }
}
