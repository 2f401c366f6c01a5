package org.crisisreplay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps that keep what was used most recently: answers made once and asked for again. */
public final class Recent {

    private Recent() {
    }

    /**
     * A map that keeps its last {@code size} entries used (read or written) and forgets the one used
     * longest ago; synchronized on itself, as {@link Collections#synchronizedMap} is.
     */
    public static <K, V> Map<K, V> keeping(int size) {
        return Collections.synchronizedMap(new LinkedHashMap<>(Math.min(size, 256), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        });
    }
}
