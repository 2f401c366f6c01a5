package org.crisisreplay.story;

import java.time.LocalDate;
import java.util.List;

/**
 * What every story event carries besides its own fields.
 *
 * @param id       unique within the scenario; rule-made events are {@code RULEID-n}
 * @param on       the story date: when it happened (never the wall clock)
 * @param at       optional time of day, {@code HH:MM}; orders events within a day
 * @param approx   the date is approximate
 * @param reported when it became known; {@code on} unless the file says otherwise
 * @param summary  one line for a reader
 * @param sources  ids of the scenario's sources
 * @param rule     the id of the rule that made the event, or null for the file's own events
 */
public record Meta(String id, LocalDate on, String at, boolean approx, LocalDate reported,
                   String summary, List<String> sources, String rule) {

    public Meta {
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (reported == null) {
            reported = on;
        }
    }
}
