package org.crisisreplay.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.crisisreplay.store.StoreJson;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.story.StorylineEvents;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored forms the read side reads straight from the event store: each type by the name the
 * event store gives it ({@code payloadType}), with a reader made the first time the type is read. A
 * storyline's stream holds its opening, its story events and its closing; everything else in the
 * store is read by Axon alone. {@link #PLAIN} reads with the store's mapper ({@link StoreJson#MAPPER}),
 * {@link #BULK} with the one for reading many events in one process ({@link StoreJson#BULK}).
 */
final class StoredForms {

    static final StoredForms PLAIN = new StoredForms(StoreJson.MAPPER);

    static final StoredForms BULK = new StoredForms(StoreJson.BULK);

    /** The types read here, by their stored name. */
    private static final Map<String, Class<?>> TYPES = new HashMap<>();

    static {
        for (Class<?> type : StoryEvent.class.getPermittedSubclasses()) {
            TYPES.put(type.getName(), type);
        }
        TYPES.put(StorylineEvents.StorylineOpened.class.getName(), StorylineEvents.StorylineOpened.class);
        TYPES.put(StorylineEvents.StorylineClosed.class.getName(), StorylineEvents.StorylineClosed.class);
    }

    private final ObjectMapper mapper;
    private final Map<String, ObjectReader> readers = new ConcurrentHashMap<>();

    private StoredForms(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Whether a stored type is a story event's. */
    static boolean isStory(String payloadType) {
        Class<?> type = TYPES.get(payloadType);
        return type != null && StoryEvent.class.isAssignableFrom(type);
    }

    /** A stored event of a type the projection reads, or null for any other type. */
    Object read(String payloadType, byte[] payload) {
        Class<?> type = TYPES.get(payloadType);
        if (type == null) {
            return null;
        }
        try {
            return readers.computeIfAbsent(payloadType, k -> mapper.readerFor(type)).readValue(payload);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable stored event: " + e.getMessage(), e);
        }
    }

    /** A stored story event (its type must be one: {@link #isStory}). */
    StoryEvent story(String payloadType, byte[] payload) {
        return (StoryEvent) read(payloadType, payload);
    }
}
