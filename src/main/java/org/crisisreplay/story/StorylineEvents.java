package org.crisisreplay.story;

import java.time.LocalDate;
import java.util.List;

/** The events that open and close a stored storyline, around its story events. */
public final class StorylineEvents {

    private StorylineEvents() {
    }

    public record StorylineOpened(String storylineId, String scenario, String title, String contentHash,
                                  LocalDate from, LocalDate to, List<String> retracted, List<String> removed) {
        public StorylineOpened {
            retracted = List.copyOf(retracted);
            removed = removed == null ? List.of() : List.copyOf(removed);
        }
    }

    /** The run finished: the stream is whole. Readers treat a stream without it as never written. */
    public record StorylineClosed(String storylineId, int events) {
    }
}
