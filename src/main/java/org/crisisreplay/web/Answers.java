package org.crisisreplay.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.crisisreplay.Recent;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP API's answers that are worth keeping: a stored storyline never changes (its id names
 * its content), so a replay, a series, a state or a diff asked of the same storylines is the same
 * JSON every time. The last {@value #SIZE} are kept; nothing here is ever changed after it is made.
 */
@Component
class Answers {

    static final int SIZE = 512;

    private final Map<String, JsonNode> kept = Recent.keeping(SIZE);

    /** The answer kept under {@code key} (storyline ids and parameters), made once if it is not. */
    @SuppressWarnings("unchecked")
    <T extends JsonNode> T get(String key, Supplier<T> make) {
        synchronized (kept) {
            JsonNode known = kept.get(key);
            if (known != null) {
                return (T) known;
            }
        }
        T made = make.get();
        synchronized (kept) {
            kept.put(key, made);
        }
        return made;
    }
}
