package org.crisisreplay.timeline;

import com.fasterxml.jackson.databind.ObjectReader;
import org.crisisreplay.store.StoreJson;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.story.StorylineEvents;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored forms the read side reads straight from the event store: each type by the name the
 * event store gives it ({@code payloadType}), with a reader made once. A storyline's stream holds its
 * opening, its story events and its closing; everything else in the store is read by Axon alone.
 */
final class StoredForms {

    private static final Map<String, ObjectReader> READERS = new HashMap<>();

    private static final Map<String, ObjectReader> STORY = new HashMap<>();

    static {
        for (Class<?> type : StoryEvent.class.getPermittedSubclasses()) {
            STORY.put(type.getName(), StoreJson.MAPPER.readerFor(type));
        }
        READERS.putAll(STORY);
        List<Class<?>> others = new ArrayList<>(List.of(StorylineEvents.StorylineOpened.class,
                StorylineEvents.StorylineClosed.class));
        for (Class<?> type : others) {
            READERS.put(type.getName(), StoreJson.MAPPER.readerFor(type));
        }
    }

    private StoredForms() {
    }

    /** Whether a stored type is a story event's. */
    static boolean isStory(String payloadType) {
        return STORY.containsKey(payloadType);
    }

    /** A stored event of a type the projection reads, or null for any other type. */
    static Object read(String payloadType, byte[] payload) throws IOException {
        ObjectReader reader = READERS.get(payloadType);
        return reader == null ? null : reader.readValue(payload);
    }

    /** A stored story event (its type must be one: {@link #isStory}). */
    static StoryEvent story(String payloadType, byte[] payload) {
        try {
            return STORY.get(payloadType).readValue(payload);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable stored event: " + e.getMessage(), e);
        }
    }
}
