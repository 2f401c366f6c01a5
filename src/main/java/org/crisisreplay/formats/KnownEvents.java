package org.crisisreplay.formats;

import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.timeline.Knowledge;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stored events an export shows: as known on K, those reported by K (every event without K),
 * each with the retraction that took it back, if one was reported by then. A retracted report is
 * shown as retracted rather than dropped, so that a reader sees what was believed and when it stopped.
 */
public record KnownEvents(LocalDate asKnownOn, List<StoryEvent> events, Map<String, StoryEvent.ReportRetracted> retractions) {

    public static KnownEvents of(List<StoryEvent> stored, LocalDate asKnownOn) {
        List<StoryEvent> known = new ArrayList<>();
        Map<String, StoryEvent.ReportRetracted> retractions = new LinkedHashMap<>();
        for (StoryEvent e : stored) {
            if (Knowledge.knownOn(e, asKnownOn, Set.of())) {
                known.add(e);
                if (e instanceof StoryEvent.ReportRetracted r) {
                    retractions.putIfAbsent(r.retracts(), r);
                }
            }
        }
        return new KnownEvents(asKnownOn, List.copyOf(known), retractions);
    }

    /** The retraction known by then that took this event back, if any. */
    public Optional<StoryEvent.ReportRetracted> retraction(StoryEvent e) {
        return Optional.ofNullable(retractions.get(e.meta().id()));
    }
}
